package io.voronka.server;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.load.HeapBudget;
import io.voronka.engine.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The store queries run on. A reload builds a new store beside the old one and swaps the reference: queries in
 * flight keep the store they started with (stores are immutable), new ones see the new store, none fail.
 *
 * <p>{@link #install} is the one place a new store replaces the serving one (a reload, a refresh, a snapshot
 * reopen): it refuses a candidate that lost too much against the serving store ({@link ShrinkGuard}) unless forced.
 */
public final class StoreHolder {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHolder.class);

    private final AtomicReference<LoadedStore> current;
    private final Supplier<EventStore> loader;
    private final ShrinkGuard guard;
    private final String origin;
    private final AtomicBoolean reloading = new AtomicBoolean();

    /** @param loader builds a fresh store from the sources; null when the store cannot be reloaded (demo) */
    public StoreHolder(LoadedStore initial, Supplier<EventStore> loader) {
        this(initial, loader, new ShrinkGuard(ShrinkGuard.DEFAULT_MAX_SHRINK));
    }

    public StoreHolder(LoadedStore initial, Supplier<EventStore> loader, ShrinkGuard guard) {
        this.current = new AtomicReference<>(initial);
        this.loader = loader;
        this.guard = guard;
        this.origin = initial.origin();
    }

    public LoadedStore current() {
        return current.get();
    }

    public boolean canReload() {
        return loader != null;
    }

    /** {@link #reload(boolean)} with the shrink guard on. */
    public LoadedStore reload() {
        return reload(false);
    }

    /**
     * Loads the sources again and swaps the store in ({@link #install}). A reload already running or a store that
     * cannot be reloaded is a {@link ErrorKind#CONFLICT}; a failed load keeps its kind (a source
     * {@link ErrorKind#UNAVAILABLE}, a refused store {@link ErrorKind#REFUSED}, running out of memory
     * {@link ErrorKind#TOO_LARGE}), says that the old store keeps serving, and leaves it serving.
     *
     * @param force install the new store even when it lost more than the shrink guard allows
     */
    public LoadedStore reload(boolean force) {
        if (loader == null) {
            throw new VoronkaException(ErrorKind.CONFLICT, "this store was generated, not loaded from sources: nothing to reload");
        }
        if (!reloading.compareAndSet(false, true)) {
            throw new VoronkaException(ErrorKind.CONFLICT, "a reload is already running");
        }
        try {
            return install(LoadedStore.of(loader.get(), origin), force);
        } catch (VoronkaException e) {
            LOG.warn("reload failed, the previous store keeps serving: {}", e.getMessage());
            throw new VoronkaException(e.kind(), "reload failed, the previous data keeps serving: " + e.getMessage(),
                    e);
        } catch (OutOfMemoryError e) {
            String message = "reload failed, the previous data keeps serving: the Java heap (-Xmx "
                    + HeapBudget.bytes(Runtime.getRuntime().maxMemory()) + ") is too small to hold the new data"
                    + " beside the data serving; start the server with a larger -Xmx";
            LOG.warn(message);
            throw new VoronkaException(ErrorKind.TOO_LARGE, message);
        } finally {
            reloading.set(false);
        }
    }

    /**
     * Makes {@code candidate} the serving store, unless it lost more events or users against the serving one
     * than the guard allows and {@code force} is false: then it is dropped, the serving store stays, and a
     * {@link ErrorKind#REFUSED} error names each source that shrank with both counts.
     */
    public synchronized LoadedStore install(LoadedStore candidate, boolean force) {
        LoadedStore serving = current.get();
        if (force) {
            LOG.warn("installing new data without the shrink check (forced): {} events, {} users",
                    candidate.store().eventCount(), candidate.store().userCount());
        } else {
            guard.check(serving.store(), candidate.store());
        }
        current.set(candidate);
        return candidate;
    }
}
