package io.voronka.server;

import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.load.LoadProgress;
import io.voronka.engine.loader.StoreLoader;
import io.voronka.engine.loader.StoreRefresher;
import io.voronka.engine.snapshot.DurableStore;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.snapshot.SnapshotException;
import io.voronka.engine.snapshot.Watermark;
import io.voronka.engine.store.SourceReport;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The configured sources as a {@link StoreSource}: full loads through {@link StoreLoader}, refreshes through
 * {@link StoreRefresher}, and with a {@code storage.path} every new version written as the snapshot (a full load is
 * then served from its reopened snapshot, so user keys live off the heap). One line per phase goes to
 * {@code progress}: load, snapshot write, reopen, refresh.
 */
final class ConfiguredSource implements StoreSource {
    private final VoronkaConfig config;
    private final DurableStore durable;
    private final PrintStream progress;
    private final int threads = Runtime.getRuntime().availableProcessors();
    private final boolean serving;

    /**
     * @param storage the snapshot folder, or null to keep the store in memory only
     * @param serving whether the process goes on to serve (warm up on the store read, {@link WarmStart}), not to
     *                answer one query or write a snapshot and exit
     */
    ConfiguredSource(VoronkaConfig config, Path storage, PrintStream progress, boolean serving) {
        this.config = config;
        this.serving = serving;
        this.progress = progress;
        this.durable = storage == null ? null : new DurableStore(storage, config, progress::println);
    }

    /**
     * The first version: the snapshot when there is a usable one, else a full load (written as the snapshot).
     *
     * @param snapshotOnly never load from the sources: no usable snapshot is a user error naming the file and why
     */
    Snapshot start(boolean snapshotOnly) {
        if (durable == null) {
            if (snapshotOnly) {
                throw VoronkaException.user("--snapshot-only needs 'storage: { path: ... }' in the configuration");
            }
            Snapshot loaded = load();
            if (serving) {
                WarmStart.onSample(loaded, progress);
            }
            return loaded;
        }
        return WarmStart.read(() -> {
            try {
                return durable.openOrLoad(this::load, snapshotOnly);
            } catch (SnapshotException e) {
                throw VoronkaException.user("no usable snapshot (--snapshot-only): " + e.getMessage());
            }
        }, serving, progress);
    }

    @Override
    public Snapshot reload() {
        Snapshot loaded = load();
        if (durable == null) {
            return loaded;
        }
        durable.save(loaded);
        Snapshot reopened = durable.reopen();
        return reopened == null ? loaded : reopened;
    }

    @Override
    public boolean canRefresh() {
        return StoreRefresher.refreshable(config);
    }

    @Override
    public Snapshot refresh(Snapshot current) {
        long start = System.nanoTime();
        Snapshot next = new StoreRefresher(config, threads, LoadProgress.NONE).refresh(current);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "refresh: %.2f s", seconds(start)));
        for (Watermark w : next.watermarks()) {
            line.append(String.format(Locale.ROOT, "; %s: read %,d rows, added %,d events, watermark %s", w.source(),
                    w.rowsRead(), w.rowsAdded(), w.isKnown() ? w.value() : "none yet"));
        }
        progress.println(line);
        if (durable != null) {
            durable.save(next);
        }
        return next;
    }

    /** Reads every source (no snapshot involved). */
    private Snapshot load() {
        TerminalProgress rows = TerminalProgress.of(progress);
        long start = System.nanoTime();
        Snapshot loaded;
        try {
            loaded = new StoreLoader(config, threads, rows).loadWithWatermarks();
        } finally {
            rows.endLine();
        }
        for (SourceReport r : loaded.store().report()) {
            progress.println("  " + r.summary());
        }
        progress.printf(Locale.ROOT, "load: %,d events of %,d users in %.1f s%n", loaded.store().eventCount(),
                loaded.store().userCount(), seconds(start));
        return loaded;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
