package io.voronka.engine.eval;

import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseIntColumn;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Which events a metric looks at: a set of types (empty list = every type) and dimension filters, resolved
 * once against the store. An event without a value of a filtered dimension fails {@code =}/{@code in} and
 * passes {@code !=}/{@code not in}.
 */
public final class EventMatcher {
    private final boolean[] types;
    private final int[] filterDimension;
    private final boolean[][] filterAllowed;
    private final boolean[] filterNegated;

    public EventMatcher(EventStore store, List<EventRef> refs, List<DimensionFilter> filters) {
        this.types = typeMask(store.types(), refs);
        this.filterDimension = new int[filters.size()];
        this.filterAllowed = new boolean[filters.size()][];
        this.filterNegated = new boolean[filters.size()];
        for (int f = 0; f < filters.size(); f++) {
            DimensionFilter filter = filters.get(f);
            int d = dimension(store, filter.dimension());
            Dimension dimension = store.dimensions().get(d);
            boolean[] allowed = new boolean[dimension.size()];
            for (String value : filter.values()) {
                int code = dimension.codeOf(value);
                if (code >= 0) {
                    allowed[code] = true;
                }
            }
            filterDimension[f] = d;
            filterAllowed[f] = allowed;
            filterNegated[f] = filter.negated();
        }
    }

    /** Per type code: true when the type is one of {@code refs}; every type when the list is empty. */
    public static boolean[] typeMask(EventTypes types, List<EventRef> refs) {
        boolean[] mask = new boolean[Math.max(1, types.size())];
        if (refs.isEmpty()) {
            java.util.Arrays.fill(mask, true);
            return mask;
        }
        for (EventRef ref : refs) {
            int code = ref.hasId() ? types.codeOfId(ref.id()) : types.codeOfName(ref.name());
            if (code >= 0) {
                mask[code] = true;
            }
        }
        return mask;
    }

    /** The index of a dimension, or an error that lists the dimensions there are. */
    public static int dimension(EventStore store, String name) {
        return store.dimensionIndex(name).orElseThrow(() -> VoronkaException.user("no source has a dimension '"
                + name + "'; dimensions: " + (store.dimensions().isEmpty() ? "none" : store.dimensions().stream()
                .map(Dimension::name).collect(Collectors.joining(", ")))));
    }

    /** Whether event {@code p} of {@code segment} is looked at. */
    public boolean matches(Segment segment, int p) {
        if (!types[segment.types()[p]]) {
            return false;
        }
        for (int f = 0; f < filterDimension.length; f++) {
            SparseIntColumn column = segment.dimension(filterDimension[f]);
            int code = column.get(p);
            boolean in = code >= 0 && filterAllowed[f][code];
            if (in == filterNegated[f]) {
                return false;
            }
        }
        return true;
    }
}
