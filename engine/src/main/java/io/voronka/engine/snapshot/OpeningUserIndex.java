package io.voronka.engine.snapshot;

import io.voronka.engine.store.UserIndex;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The user-key map of a reopened snapshot, opened when first needed. Queries need only dense ids and the id → key
 * column, so a reopened store answers without it; the first lookup by key (a refresh, a user filter, a snapshot
 * write) starts copying, checking and opening the map on a background thread and waits for it, as do all lookups
 * after it until the map is open. Kept off the reopen because the first Chronicle Map of a process compiles code
 * in-process (seconds of CPU) and copying a large map is I/O that queries do not need.
 */
final class OpeningUserIndex implements UserIndex {
    private final Supplier<ChronicleUserIndex> open;
    private volatile CompletableFuture<ChronicleUserIndex> opening;

    OpeningUserIndex(Supplier<ChronicleUserIndex> open) {
        this.open = open;
    }

    /** Starts opening the map unless that has started; returns at once. */
    CompletableFuture<ChronicleUserIndex> start() {
        CompletableFuture<ChronicleUserIndex> f = opening;
        if (f == null) {
            synchronized (this) {
                if (opening == null) {
                    opening = CompletableFuture.supplyAsync(open, SnapshotReader.daemon("voronka-user-map"));
                }
                f = opening;
            }
        }
        return f;
    }

    ChronicleUserIndex await() {
        try {
            return start().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("the user-key map could not be opened: " + cause.getMessage(), cause);
        }
    }

    @Override
    public int getLong(long key) {
        return await().getLong(key);
    }

    @Override
    public int getText(String key) {
        return await().getText(key);
    }

    @Override
    public void putLong(long key, int id) {
        await().putLong(key, id);
    }

    @Override
    public void putText(String key, int id) {
        await().putText(key, id);
    }

    @Override
    public UserIndex forAppend() {
        return this;
    }

    @Override
    public long heapBytes() {
        return 0;
    }
}
