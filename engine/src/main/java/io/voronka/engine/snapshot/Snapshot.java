package io.voronka.engine.snapshot;

import io.voronka.engine.store.EventStore;

import java.time.Instant;
import java.util.List;

/**
 * A store with what is needed to continue from it: per-source watermarks and when its data was last read from the
 * sources (a full load or a refresh). What a snapshot folder holds and what a reopen gives back.
 */
public record Snapshot(EventStore store, List<Watermark> watermarks, Instant readAt) {
    public Snapshot {
        watermarks = List.copyOf(watermarks);
    }
}
