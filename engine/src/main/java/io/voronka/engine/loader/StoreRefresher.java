package io.voronka.engine.loader;

import io.voronka.engine.config.SourceConfig;
import io.voronka.engine.config.SourceLocation;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.load.LoadProgress;
import io.voronka.engine.load.RowSink;
import io.voronka.engine.load.ZoneOffsetTable;
import io.voronka.engine.load.postgres.PgDatabase;
import io.voronka.engine.load.postgres.PgDictionaryReader;
import io.voronka.engine.load.postgres.PgWatermarkReader;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.snapshot.Watermark;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.SourceReport;
import io.voronka.engine.store.StoreBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a store up to date with new rows: every source with a {@code watermark} is read past it (minus its
 * {@code late_rows} overlap) through {@link PgWatermarkReader}, and the rows are merged into the store
 * ({@link StoreBuilder#mergeInto}): duplicates of what it has are dropped, untouched segments are shared, new
 * users get new dense ids. Sources without a watermark, rows updated or deleted in a source, and costs are seen
 * only by a full load. The store given is not changed; the result is a new version.
 */
public final class StoreRefresher {
    private final VoronkaConfig config;
    private final int threads;
    private final LoadProgress progress;

    public StoreRefresher(VoronkaConfig config, int threads, LoadProgress progress) {
        this.config = config;
        this.threads = threads;
        this.progress = progress;
    }

    /** Whether any source has a watermark (else a refresh has nothing to do). */
    public static boolean refreshable(VoronkaConfig config) {
        return config.sources().stream().anyMatch(s -> s.watermark() != null);
    }

    public Snapshot refresh(Snapshot current) {
        EventStore base = current.store();
        StoreBuilder builder = StoreBuilder.continuing(base);
        ZoneOffsetTable zone = new ZoneOffsetTable(config.timezone());
        List<Watermark> marks = new ArrayList<>();
        List<Long> rowsRead = new ArrayList<>();
        Instant readAt = Instant.now();
        try (PgDatabase database = new PgDatabase(config.database())) {
            if (config.dictionary() != null) {
                new PgDictionaryReader(database.connection()).read(config.dictionary(), builder.types());
            }
            for (SourceConfig source : config.sources()) {
                if (source.watermark() == null) {
                    continue;
                }
                Watermark before = current.watermarks().stream().filter(w -> w.source().equals(source.name()))
                        .findFirst().orElse(new Watermark(source.name(), source.watermark(), null, null, 0, 0));
                RowSink sink = new RowSink(builder, source, zone, progress);
                PgWatermarkReader reader = new PgWatermarkReader(database,
                        (SourceLocation.Table) source.location(), before.value(), before.sqlType());
                reader.read(source, sink);
                rowsRead.add(sink.finish());
                marks.add(new Watermark(source.name(), source.watermark(), reader.type(), reader.value(), 0, 0));
            }
        }
        EventStore merged = builder.mergeInto(base, threads);
        List<Watermark> result = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            Watermark w = marks.get(i);
            long added = kept(merged, w.source()) - kept(base, w.source());
            result.add(new Watermark(w.source(), w.column(), w.sqlType(), w.value(), rowsRead.get(i), added));
        }
        return new Snapshot(merged, result, readAt);
    }

    /** Events a store holds from one source. */
    static long kept(EventStore store, String source) {
        return store.report().stream().filter(r -> r.source().equals(source)).mapToLong(SourceReport::kept).sum();
    }
}
