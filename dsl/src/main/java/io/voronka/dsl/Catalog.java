package io.voronka.dsl;

import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the data has, for the parser's checks: the event dictionary (names, aliases, ids; "did you mean"), the
 * dimension columns a query may filter or break down by, and, where known, each dimension's values (a filter on a
 * value close to a known one is a typo; on a value no event has, a warning).
 */
public record Catalog(EventTypes types, List<String> dimensions, Map<String, List<String>> dimensionValues) {
    public Catalog {
        Objects.requireNonNull(types, "a catalog needs the event types");
        dimensions = List.copyOf(dimensions);
        dimensionValues = Map.copyOf(dimensionValues);
    }

    /** A catalog that does not know the dimensions' values (filters are not checked against them). */
    public Catalog(EventTypes types, List<String> dimensions) {
        this(types, dimensions, Map.of());
    }

    /**
     * Everything a loaded store knows: types, dimensions and their values, plus the costs' own dimension (spend by
     * source needs no event to carry the source).
     */
    public static Catalog of(EventStore store) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Dimension d : store.dimensions()) {
            values.put(d.name(), d.values());
        }
        List<String> dimensions = new ArrayList<>(store.dimensions().stream().map(Dimension::name).toList());
        String costs = store.costs().dimension();
        if (!costs.isEmpty() && dimensions.stream().noneMatch(costs::equalsIgnoreCase)) {
            dimensions.add(costs);
        }
        return new Catalog(store.types(), dimensions, values);
    }
}
