package io.voronka.server;

import io.voronka.dsl.Catalog;
import io.voronka.engine.store.EventStore;

import java.time.Instant;

/** One loaded store with what the parser needs to know about it; replaced whole on reload. */
public record LoadedStore(EventStore store, Catalog catalog, Instant loadedAt, String origin) {
    public static LoadedStore of(EventStore store, String origin) {
        return new LoadedStore(store, Catalog.of(store), Instant.now(), origin);
    }
}
