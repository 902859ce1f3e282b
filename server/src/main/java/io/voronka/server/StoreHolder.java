package io.voronka.server;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The store queries run on. A reload builds a new store beside the old one and swaps the reference: queries in
 * flight keep the store they started with (stores are immutable), new ones see the new store, none fail.
 */
public final class StoreHolder {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHolder.class);

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
     * Loads the sources again and swaps the store in. A reload already running or a store that cannot be reloaded
     * is a {@link ErrorKind#CONFLICT}; a failed load keeps its kind (a source {@link ErrorKind#UNAVAILABLE}, ...),
     * says that the old store keeps serving, and leaves it serving.
     */
    public LoadedStore reload() {
        if (loader == null) {
            throw new VoronkaException(ErrorKind.CONFLICT, "this store was generated, not loaded from sources: nothing to reload");
        }
        if (!reloading.compareAndSet(false, true)) {
            throw new VoronkaException(ErrorKind.CONFLICT, "a reload is already running");
        }
        try {
            LoadedStore fresh = LoadedStore.of(loader.get(), origin);
            current.set(fresh);
            return fresh;
        } catch (VoronkaException e) {
            LOG.warn("reload failed, the previous store keeps serving: {}", e.getMessage());
            throw new VoronkaException(e.kind(), "reload failed, the previous data keeps serving: " + e.getMessage(),
                    e);
        } finally {
            reloading.set(false);
        }
    }
}
