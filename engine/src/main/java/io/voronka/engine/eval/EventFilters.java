package io.voronka.engine.eval;

import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventFilter;
import io.voronka.engine.query.ValueFilter;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseDoubleColumn;
import io.voronka.engine.store.SparseIntColumn;

import java.util.List;

/**
 * Event filters ({@code utm_source = 'vk'}, {@code value >= 10000}) resolved once against a store: dimension
 * values become code masks. An event passes when it passes every filter. Immutable; shared by threads.
 *
 * <pre>
 * dimension[f] >= 0: allowed[f][code] per value code, negated[f] flips the test (no value counts as "not in")
 * dimension[f] <  0: value comparison comparisons[f] against numbers[f] (no value fails)
 * </pre>
 */
public final class EventFilters {
    private final int[] dimension;
    private final boolean[][] allowed;
    private final boolean[] negated;
    private final ValueFilter[] comparisons;

    private EventFilters(int n) {
        this.dimension = new int[n];
        this.allowed = new boolean[n][];
        this.negated = new boolean[n];
        this.comparisons = new ValueFilter[n];
    }

    /** Resolves {@code filters}; unknown dimensions are an error that lists the ones there are. */
    public static EventFilters of(EventStore store, List<? extends EventFilter> filters) {
        EventFilters compiled = new EventFilters(filters.size());
        for (int f = 0; f < filters.size(); f++) {
            EventFilter filter = filters.get(f);
            if (filter instanceof DimensionFilter d) {
                int index = EventMatcher.dimension(store, d.dimension());
                compiled.dimension[f] = index;
                compiled.allowed[f] = valueMask(store.dimensions().get(index), d.values());
                compiled.negated[f] = d.negated();
            } else {
                compiled.dimension[f] = -1;
                compiled.comparisons[f] = (ValueFilter) filter;
            }
        }
        return compiled;
    }

    /** Per value code of {@code dimension}: whether it is one of {@code values} (values no event has are ignored). */
    static boolean[] valueMask(Dimension dimension, List<String> values) {
        boolean[] mask = new boolean[Math.max(1, dimension.size())];
        for (String value : values) {
            int code = dimension.codeOf(value);
            if (code >= 0) {
                mask[code] = true;
            }
        }
        return mask;
    }

    public boolean isEmpty() {
        return dimension.length == 0;
    }

    /** Whether event {@code p} of {@code segment} passes every filter. */
    public boolean passes(Segment segment, int p) {
        for (int f = 0; f < dimension.length; f++) {
            int d = dimension[f];
            if (d >= 0) {
                SparseIntColumn column = segment.dimension(d);
                int code = column.get(p);
                boolean in = code >= 0 && allowed[f][code];
                if (in == negated[f]) {
                    return false;
                }
            } else {
                SparseDoubleColumn values = segment.values();
                if (values == null || !values.has(p) || !comparisons[f].test(values.get(p, Double.NaN))) {
                    return false;
                }
            }
        }
        return true;
    }
}
