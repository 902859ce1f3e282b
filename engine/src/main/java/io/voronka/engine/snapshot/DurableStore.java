package io.voronka.engine.snapshot;

import io.voronka.engine.config.VoronkaConfig;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A store kept in a {@code storage.path} folder: started from the snapshot when there is a usable one, else loaded
 * from the sources and written; every later load or refresh is written again. Reopen and snapshot write each report
 * one line with their duration (the load reports its own).
 */
public final class DurableStore {
    private final SnapshotStorage storage;
    private final String fingerprint;
    private final Consumer<String> log;

    public DurableStore(Path folder, VoronkaConfig config, Consumer<String> log) {
        this(SnapshotStorage.at(folder), ConfigFingerprint.of(config), log);
    }

    DurableStore(SnapshotStorage storage, String fingerprint, Consumer<String> log) {
        this.storage = storage;
        this.fingerprint = fingerprint;
        this.log = log;
    }

    public SnapshotStorage storage() {
        return storage;
    }

    /**
     * The snapshot when it is usable; otherwise a one-line reason, then {@code fullLoad}, written as the new
     * snapshot and reopened from it (so user keys live off the heap from the start).
     *
     * @param snapshotOnly refuse to load from the sources: a missing or unusable snapshot throws
     *                     {@link SnapshotException} instead
     */
    public Snapshot openOrLoad(Supplier<Snapshot> fullLoad, boolean snapshotOnly) {
        String reason;
        try {
            Snapshot reopened = reopen();
            if (reopened != null) {
                return reopened;
            }
            reason = "no snapshot in " + storage.root() + " yet";
            if (snapshotOnly) {
                throw new SnapshotException(storage.root(), "holds no snapshot (and --snapshot-only forbids loading "
                        + "from the sources)");
            }
        } catch (SnapshotException e) {
            if (snapshotOnly) {
                throw e;
            }
            reason = "snapshot not used: " + e.getMessage();
        }
        log.accept(reason + "; loading from the sources");
        Snapshot loaded = fullLoad.get();
        save(loaded);
        Snapshot reopened = reopen();
        if (reopened == null) {
            throw new SnapshotException(storage.root(), "the snapshot just written is gone");
        }
        return reopened;
    }

    /** Writes a snapshot of this store and makes it current. */
    public void save(Snapshot snapshot) {
        long start = System.nanoTime();
        Path folder = storage.write(snapshot, fingerprint, SnapshotProgress.NONE);
        log.accept(String.format(Locale.ROOT, "snapshot write: %,d events to %s in %.1f s",
                snapshot.store().eventCount(), folder, seconds(start)));
    }

    /** The current snapshot, or null when there is none; throws {@link SnapshotException} when it is unusable. */
    public Snapshot reopen() {
        long start = System.nanoTime();
        Snapshot snapshot = storage.open(fingerprint, new SnapshotProgress() {
            @Override
            public void done(String step, long bytes) {
            }

            @Override
            public void repaired(SnapshotException damage, String how) {
                log.accept("snapshot repaired: " + damage.getMessage() + "; " + how);
            }
        }).orElse(null);
        if (snapshot != null) {
            log.accept(String.format(Locale.ROOT, "reopen: %,d events of %,d users from %s in %.1f s",
                    snapshot.store().eventCount(), snapshot.store().userCount(), storage.current().orElseThrow(),
                    seconds(start)));
        }
        return snapshot;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
