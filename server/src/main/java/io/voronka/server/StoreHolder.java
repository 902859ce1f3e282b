package io.voronka.server;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The store queries run on. A reload or a refresh builds the next version beside the serving one and
 * {@link #swapIn swaps} the reference: queries in flight keep the version they started with (versions are
 * immutable), new ones see the new version, none fail. One reload or refresh runs at a time.
 */
public final class StoreHolder {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHolder.class);

    private final AtomicReference<LoadedStore> current;
    private final StoreSource source;
    private final String origin;
    private final ReentrantLock changing = new ReentrantLock();

    /** @param source builds new versions; null when the store cannot change (generated demo data) */
    public StoreHolder(LoadedStore initial, StoreSource source) {
        this.current = new AtomicReference<>(initial);
        this.source = source;
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

    /**
     * The one place where a new version replaces the serving one (a reload, a refresh, a reopened snapshot): checks
     * that would refuse a version belong here.
     */
    LoadedStore swapIn(LoadedStore candidate) {
        current.set(candidate);
        return candidate;
    }

    /**
     * Loads the sources again and swaps the store in. A reload or refresh already running or a store that cannot
     * be reloaded is a {@link ErrorKind#CONFLICT}; a failed load keeps its kind (a source
     * {@link ErrorKind#UNAVAILABLE}, ...), says that the old store keeps serving, and leaves it serving.
     */
    public LoadedStore reload() {
        if (source == null) {
            throw new VoronkaException(ErrorKind.CONFLICT, "this store was generated, not loaded from sources: nothing to reload");
        }
        return change("reload", serving -> source.reload());
    }

    /** Reads the rows past each source's watermark and swaps the refreshed version in; see {@link #reload}. */
    public LoadedStore refresh() {
        if (!canRefresh()) {
            throw new VoronkaException(ErrorKind.CONFLICT, source == null
                    ? "this store was generated, not loaded from sources: nothing to refresh"
                    : "no source has a 'watermark' column, so a refresh cannot tell new rows: use a reload");
        }
        return change("refresh", serving -> source.refresh(serving.snapshot()));
    }

    /** Whether a reload or refresh is running (a scheduled refresh then waits for its next turn). */
    public boolean busy() {
        return changing.isLocked();
    }

    private LoadedStore change(String what, Function<LoadedStore, Snapshot> next) {
        if (!changing.tryLock()) {
            throw new VoronkaException(ErrorKind.CONFLICT, "a reload or refresh is already running");
        }
        try {
            return swapIn(LoadedStore.of(next.apply(current.get()), origin));
        } catch (VoronkaException e) {
            LOG.warn("{} failed, the previous store keeps serving: {}", what, e.getMessage());
            throw new VoronkaException(e.kind(), what + " failed, the previous data keeps serving: "
                    + e.getMessage(), e);
        } finally {
            changing.unlock();
        }
    }
}
