package io.voronka.server;

import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The dimensions of a store with how many distinct values each has and its most frequent values by event count:
 * what the web page's autocomplete offers after {@code by}, {@code where} and {@code =} ({@code GET /api/dimensions}).
 */
public record DimensionSummary(List<Entry> dimensions) {
    /** How many of the most frequent values each dimension lists. */
    public static final int TOP_VALUES = 20;

    /** One value and the number of events that carry it. */
    public record Value(String value, long events) {
    }

    /** A dimension: its name, its number of distinct values, and the most frequent ones, most frequent first. */
    public record Entry(String name, int distinct, List<Value> top) {
    }

    public DimensionSummary {
        dimensions = List.copyOf(dimensions);
    }

    /** Counts every dimension's values over the whole store: one pass over each segment's dimension columns. */
    public static DimensionSummary of(EventStore store, int top) {
        List<Entry> out = new ArrayList<>();
        List<Dimension> dims = store.dimensions();
        for (int d = 0; d < dims.size(); d++) {
            Dimension dim = dims.get(d);
            long[] counts = new long[dim.size()];
            for (Segment segment : store.segments()) {
                segment.dimension(d).countValues(counts);
            }
            List<Value> values = new ArrayList<>();
            for (int code = 0; code < counts.length; code++) {
                if (counts[code] > 0) {
                    values.add(new Value(dim.value(code), counts[code]));
                }
            }
            values.sort(Comparator.comparingLong(Value::events).reversed().thenComparing(Value::value));
            out.add(new Entry(dim.name(), values.size(), List.copyOf(values.subList(0, Math.min(top, values.size())))));
        }
        return new DimensionSummary(out);
    }
}
