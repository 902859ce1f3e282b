package io.voronka.server;

import io.voronka.dsl.Catalog;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.snapshot.Watermark;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Times;

import java.time.Instant;
import java.util.List;

/**
 * One version of the store with what the parser needs to know about it; replaced whole on reload or refresh.
 *
 * @param loadedAt   when this version started serving
 * @param watermarks how far each source with a watermark has been read, and what its last read brought
 * @param readAt     when its data was last read from the sources (a load or a refresh; kept across a reopen)
 */
public record LoadedStore(EventStore store, Catalog catalog, Instant loadedAt, String origin,
                          List<Watermark> watermarks, Instant readAt) {
    public LoadedStore {
        watermarks = List.copyOf(watermarks);
    }

    public LoadedStore(EventStore store, Catalog catalog, Instant loadedAt, String origin) {
        this(store, catalog, loadedAt, origin, List.of(), loadedAt);
    }

    public static LoadedStore of(EventStore store, String origin) {
        return new LoadedStore(store, Catalog.of(store), Instant.now(), origin);
    }

    public static LoadedStore of(Snapshot snapshot, String origin) {
        return new LoadedStore(snapshot.store(), Catalog.of(snapshot.store()), Instant.now(), origin,
                snapshot.watermarks(), snapshot.readAt());
    }

    /** The store with its watermarks, to refresh or write. */
    public Snapshot snapshot() {
        return new Snapshot(store, watermarks, readAt);
    }

    /**
     * The latest event time, or null for an empty store. A store that holds no events itself but reports a time span
     * (the driver's view of data held by a Spark backend) has that span's end.
     */
    public Instant dataAsOf() {
        return store.eventCount() == 0 && store.maxTime() == 0 ? null : Times.toInstant(store.maxTime());
    }
}
