package io.voronka.server;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.load.HeapBudget;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The store queries run on. A reload or a refresh builds the next version beside the serving one and swaps the
 * reference: queries in flight keep the version they started with (versions are immutable), new ones see the new
 * version, none fail. One reload or refresh runs at a time.
 *
 * <p>{@link #install} is the one place a new version replaces the serving one (a reload, a refresh): it refuses a
 * candidate that lost too much against the serving store ({@link ShrinkGuard}) unless forced.
 */
public final class StoreHolder {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHolder.class);

    private final AtomicReference<LoadedStore> current;
    private final StoreSource source;
    private final ShrinkGuard guard;
    private final String origin;
    private final ReentrantLock changing = new ReentrantLock();

    /** @param source builds new versions; null when the store cannot change (generated demo data) */
    public StoreHolder(LoadedStore initial, StoreSource source) {
        this(initial, source, new ShrinkGuard(ShrinkGuard.DEFAULT_MAX_SHRINK));
    }

    public StoreHolder(LoadedStore initial, StoreSource source, ShrinkGuard guard) {
        this.current = new AtomicReference<>(initial);
        this.source = source;
        this.guard = guard;
        this.origin = initial.origin();
    }

    /** A holder whose reload runs {@code loader} (no watermarks, no refresh, no snapshot). */
    public static StoreHolder reloading(LoadedStore initial, Supplier<EventStore> loader) {
        return new StoreHolder(initial, new StoreSource() {
            @Override
            public Snapshot reload() {
                return new Snapshot(loader.get(), java.util.List.of(), java.time.Instant.now());
            }

            @Override
            public boolean canRefresh() {
                return false;
            }

            @Override
            public Snapshot refresh(Snapshot currentVersion) {
                throw new IllegalStateException("not refreshable");
            }
        });
    }

    public LoadedStore current() {
        return current.get();
    }

    public boolean canReload() {
        return source != null;
    }

    public boolean canRefresh() {
        return source != null && source.canRefresh();
    }

    /** {@link #reload(boolean)} with the shrink guard on. */
    public LoadedStore reload() {
        return reload(false);
    }

    /**
     * Loads the sources again and swaps the store in ({@link #install}). A reload or refresh already running or a
     * store that cannot be reloaded is a {@link ErrorKind#CONFLICT}; a failed load keeps its kind (a source
     * {@link ErrorKind#UNAVAILABLE}, a refused store {@link ErrorKind#REFUSED}, running out of memory
     * {@link ErrorKind#TOO_LARGE}), says that the old store keeps serving, and leaves it serving.
     *
     * @param force install the new store even when it lost more than the shrink guard allows
     */
    public LoadedStore reload(boolean force) {
        if (source == null) {
            throw new VoronkaException(ErrorKind.CONFLICT, "this store was generated, not loaded from sources: nothing to reload");
        }
        return change("reload", serving -> source.reload(), force);
    }

    /** {@link #refresh(boolean)} with the shrink guard on. */
    public LoadedStore refresh() {
        return refresh(false);
    }

    /** Reads the rows past each source's watermark and swaps the refreshed version in; see {@link #reload}. */
    public LoadedStore refresh(boolean force) {
        if (!canRefresh()) {
            throw new VoronkaException(ErrorKind.CONFLICT, source == null
                    ? "this store was generated, not loaded from sources: nothing to refresh" : source.whyNoRefresh());
        }
        return change("refresh", serving -> source.refresh(serving.snapshot()), force);
    }

    /** Why a refresh cannot run (when {@link #canRefresh()} is false and a source exists). */
    public String whyNoRefresh() {
        return source == null ? "nothing to refresh" : source.whyNoRefresh();
    }

    /** Whether a reload or refresh is running (a scheduled refresh then waits for its next turn). */
    public boolean busy() {
        return changing.isLocked();
    }

    private LoadedStore change(String what, Function<LoadedStore, Snapshot> next, boolean force) {
        if (!changing.tryLock()) {
            throw new VoronkaException(ErrorKind.CONFLICT, "a reload or refresh is already running");
        }
        try {
            LoadedStore serving = current.get();
            Snapshot candidate = next.apply(serving);
            LoadedStore installed;
            try {
                installed = install(LoadedStore.of(candidate, origin), force);
            } catch (RuntimeException refused) {
                source.retired(candidate);
                throw refused;
            }
            if (installed.store() != serving.store()) {
                source.retired(serving.snapshot());
            }
            return installed;
        } catch (VoronkaException e) {
            LOG.warn("{} failed, the previous store keeps serving: {}", what, e.getMessage());
            throw new VoronkaException(e.kind(), what + " failed, the previous data keeps serving: "
                    + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            String message = what + " failed, the previous data keeps serving: the Java heap (-Xmx "
                    + HeapBudget.bytes(Runtime.getRuntime().maxMemory()) + ") is too small to hold the new data"
                    + " beside the data serving; start the server with a larger -Xmx";
            LOG.warn(message);
            throw new VoronkaException(ErrorKind.TOO_LARGE, message);
        } finally {
            changing.unlock();
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
