package io.voronka.engine.loader;

import io.voronka.engine.config.CostsConfig;
import io.voronka.engine.config.SourceConfig;
import io.voronka.engine.config.SourceLocation;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.load.CostRows;
import io.voronka.engine.load.CostsReader;
import io.voronka.engine.load.LoadException;
import io.voronka.engine.load.LoadProgress;
import io.voronka.engine.load.RowSink;
import io.voronka.engine.load.SourceReader;
import io.voronka.engine.load.ZoneOffsetTable;
import io.voronka.engine.load.csv.CsvCostsReader;
import io.voronka.engine.load.csv.CsvFileReader;
import io.voronka.engine.load.postgres.PgCostsReader;
import io.voronka.engine.load.postgres.PgDatabase;
import io.voronka.engine.load.postgres.PgDictionaryReader;
import io.voronka.engine.load.postgres.PgTableReader;
import io.voronka.engine.load.postgres.PgWatermarkReader;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.snapshot.Watermark;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads every source of a configuration into a new {@link EventStore}: the dictionary first, then the sources in
 * order, each through the {@link SourceReader} of its kind of location into a {@link RowSink}, then the costs, then
 * the build (grouping by user, sorting, dropping duplicates). Each source's {@code SourceReport.seconds()} is its
 * read time. One database connection serves the dictionary, every table and the costs.
 *
 * <p>All or nothing: on any error a {@link LoadException} is thrown and no store is returned.
 */
public final class StoreLoader {
    private final VoronkaConfig config;
    private final int threads;
    private final LoadProgress progress;

    public StoreLoader(VoronkaConfig config, int threads, LoadProgress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.config = config;
        this.threads = threads;
        this.progress = progress;
    }

    public EventStore load() {
        return loadWithWatermarks().store();
    }

    /**
     * Loads every source, and for sources with a {@code watermark} column reads rows only up to the column's
     * greatest value at the start of their read: that value is the watermark a refresh continues from.
     */
    public Snapshot loadWithWatermarks() {
        StoreBuilder builder = new StoreBuilder(config.userKey().storeKind(), config.timezone());
        ZoneOffsetTable zone = new ZoneOffsetTable(config.timezone());
        List<Watermark> watermarks = new ArrayList<>();
        Instant readAt = Instant.now();
        try (PgDatabase database = new PgDatabase(config.database())) {
            if (config.dictionary() != null) {
                new PgDictionaryReader(database.connection()).read(config.dictionary(), builder.types());
            }
            for (SourceConfig source : config.sources()) {
                long start = System.nanoTime();
                RowSink sink = new RowSink(builder, source, zone, progress);
                if (source.watermark() != null) {
                    PgWatermarkReader reader = new PgWatermarkReader(database.connection(),
                            (SourceLocation.Table) source.location(), null, null);
                    reader.read(source, sink);
                    long rows = sink.finish();
                    watermarks.add(new Watermark(source.name(), source.watermark(), reader.type(), reader.value(),
                            rows, -1));
                } else {
                    source.location().accept(new SourceReaders(database)).read(source, sink);
                    sink.finish();
                }
                builder.sourceSeconds(builder.source(source.name()), (System.nanoTime() - start) / 1e9);
            }
            CostsConfig costs = config.costs();
            if (costs != null) {
                CostRows rows = new CostRows(costs.dimension(), zone);
                costs.location().accept(new CostsReaders(database)).read(costs, rows);
                builder.costs(rows.table());
            }
        }
        EventStore store = builder.build(threads);
        List<Watermark> withAdded = new ArrayList<>();
        for (Watermark w : watermarks) {
            withAdded.add(new Watermark(w.source(), w.column(), w.sqlType(), w.value(), w.rowsRead(),
                    StoreRefresher.kept(store, w.source())));
        }
        return new Snapshot(store, withAdded, readAt);
    }

    /** The reader of each kind of location; a new kind fails to compile here until it has one. */
    private static final class SourceReaders implements SourceLocation.Visitor<SourceReader> {
        private final PgDatabase database;

        SourceReaders(PgDatabase database) {
            this.database = database;
        }

        @Override
        public SourceReader table(SourceLocation.Table table) {
            return new PgTableReader(database.connection(), table);
        }

        @Override
        public SourceReader csvFile(SourceLocation.CsvFile file) {
            return new CsvFileReader(file);
        }
    }

    /** The costs reader of each kind of location. */
    private static final class CostsReaders implements SourceLocation.Visitor<CostsReader> {
        private final PgDatabase database;

        CostsReaders(PgDatabase database) {
            this.database = database;
        }

        @Override
        public CostsReader table(SourceLocation.Table table) {
            return new PgCostsReader(database.connection(), table);
        }

        @Override
        public CostsReader csvFile(SourceLocation.CsvFile file) {
            return new CsvCostsReader(file);
        }
    }
}
