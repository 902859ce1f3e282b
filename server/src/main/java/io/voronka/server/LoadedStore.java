package io.voronka.server;

import io.voronka.dsl.Catalog;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One loaded store with what the parser needs to know about it; replaced whole on reload. The dimensions the parser
 * knows are the store's plus the costs' own (spend by source needs no event to carry the source).
 */
public record LoadedStore(EventStore store, Catalog catalog, Instant loadedAt, String origin) {
    public static LoadedStore of(EventStore store, String origin) {
        List<String> dimensions = new ArrayList<>(store.dimensions().stream().map(Dimension::name).toList());
        String costs = store.costs().dimension();
        if (!costs.isEmpty() && dimensions.stream().noneMatch(costs::equalsIgnoreCase)) {
            dimensions.add(costs);
        }
        return new LoadedStore(store, new Catalog(store.types(), dimensions), Instant.now(), origin);
    }
}
