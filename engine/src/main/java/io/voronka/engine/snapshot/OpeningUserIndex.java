package io.voronka.engine.snapshot;

import io.voronka.engine.store.UserIndex;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The user-key map of a reopened snapshot while Chronicle Map opens it in the background (the first map of a
 * process takes seconds to set up). Queries need only dense ids and the id → key column, so the store answers at
 * once; looking a key up (a refresh, a user filter) waits for the map.
 */
final class OpeningUserIndex implements UserIndex {
    private final CompletableFuture<ChronicleUserIndex> opening;

    OpeningUserIndex(CompletableFuture<ChronicleUserIndex> opening) {
        this.opening = opening;
    }

    ChronicleUserIndex await() {
        try {
            return opening.join();
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
