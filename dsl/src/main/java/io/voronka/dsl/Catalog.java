package io.voronka.dsl;

import io.voronka.engine.store.EventTypes;

import java.util.List;
import java.util.Objects;

/**
 * What the data has, for the parser's checks: the event dictionary (names, aliases, ids; "did you mean") and the
 * dimension columns a query may filter or break down by.
 */
public record Catalog(EventTypes types, List<String> dimensions) {
    public Catalog {
        Objects.requireNonNull(types, "a catalog needs the event types");
        dimensions = List.copyOf(dimensions);
    }
}
