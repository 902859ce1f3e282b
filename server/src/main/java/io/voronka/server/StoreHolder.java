package io.voronka.server;

import io.voronka.engine.store.EventStore;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The store queries run on. A reload builds a new store beside the old one and swaps the reference: queries in
 * flight keep the store they started with (stores are immutable), new ones see the new store, none fail.
 */
public final class StoreHolder {
    private final AtomicReference<LoadedStore> current;
    private final Supplier<EventStore> loader;
    private final String origin;
    private final AtomicBoolean reloading = new AtomicBoolean();

    /** @param loader builds a fresh store from the sources; null when the store cannot be reloaded (demo) */
    public StoreHolder(LoadedStore initial, Supplier<EventStore> loader) {
        this.current = new AtomicReference<>(initial);
        this.loader = loader;
        this.origin = initial.origin();
    }

    public LoadedStore current() {
        return current.get();
    }

    public boolean canReload() {
        return loader != null;
    }

    /**
     * Loads the sources again and swaps the store in; throws {@link IllegalStateException} when a reload is already
     * running or reloading is not possible. A failed load leaves the old store serving.
     */
    public LoadedStore reload() {
        if (loader == null) {
            throw new IllegalStateException("this store was generated, not loaded from sources: nothing to reload");
        }
        if (!reloading.compareAndSet(false, true)) {
            throw new IllegalStateException("a reload is already running");
        }
        try {
            LoadedStore fresh = LoadedStore.of(loader.get(), origin);
            current.set(fresh);
            return fresh;
        } finally {
            reloading.set(false);
        }
    }
}
