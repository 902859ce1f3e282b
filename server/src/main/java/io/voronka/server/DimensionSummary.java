package io.voronka.server;

import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
            out.add(entry(dims.get(d).name(), valueCounts(store, d), top));
        }
        return new DimensionSummary(out);
    }

    /** Every value of dimension {@code d} with the number of the store's events that carry it (maybe 0). */
    public static HashMap<String, Long> valueCounts(EventStore store, int d) {
        Dimension dim = store.dimensions().get(d);
        long[] counts = new long[dim.size()];
        for (Segment segment : store.segments()) {
            segment.dimension(d).countValues(counts);
        }
        HashMap<String, Long> byValue = new HashMap<>();
        for (int code = 0; code < counts.length; code++) {
            byValue.put(dim.value(code), counts[code]);
        }
        return byValue;
    }

    /**
     * One dimension from its values' event counts (counted anywhere, e.g. summed over a Spark job's partitions):
     * values with no event left out, the {@code top} most frequent listed, ties in value order.
     */
    public static Entry entry(String name, Map<String, Long> counts, int top) {
        List<Value> values = new ArrayList<>();
        for (Map.Entry<String, Long> c : counts.entrySet()) {
            if (c.getValue() > 0) {
                values.add(new Value(c.getKey(), c.getValue()));
            }
        }
        values.sort(Comparator.comparingLong(Value::events).reversed().thenComparing(Value::value));
        return new Entry(name, values.size(), List.copyOf(values.subList(0, Math.min(top, values.size()))));
    }
}
