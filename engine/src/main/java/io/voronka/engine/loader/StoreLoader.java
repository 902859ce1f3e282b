package io.voronka.engine.loader;

import io.voronka.engine.config.CostsConfig;
import io.voronka.engine.config.SourceConfig;
import io.voronka.engine.config.SourceLocation;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.load.CostRows;
import io.voronka.engine.load.CostsReader;
import io.voronka.engine.load.HeapBudget;
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
import java.util.Locale;

/**
 * Loads every source of a configuration into a new {@link EventStore}: the dictionary first, then the sources in
 * order, each through the {@link SourceReader} of its kind of location into a {@link RowSink}, then the costs, then
 * the build (grouping by user, sorting, dropping duplicates). Each source's {@code SourceReport.seconds()} is its
 * read time. One database connection serves the dictionary, every table and the costs, in one read-only snapshot
 * taken after every table is locked for reading ({@link PgDatabase}).
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

    /**
     * Loads the store. Before reading, the rows the sources hold are estimated and a load that would not fit the
     * heap fails at once ({@link HeapBudget}); running out of memory anyway is the same kind of one-line error.
     */
    public EventStore load() {
        return loadWithWatermarks().store();
    }

    /**
     * Loads every source, and for sources with a {@code watermark} column reads rows only up to the column's
     * greatest value at the start of their read: that value is the watermark a refresh continues from.
     */
    public Snapshot loadWithWatermarks() {
        long[] estimate = new long[2];
        try {
            return loadAll(estimate);
        } catch (OutOfMemoryError e) {
            // the builder and everything read is unreachable now that loadAll has returned
            throw HeapBudget.outOfMemory(estimate[0], estimate[1]);
        }
    }

    /** {@code estimate} receives the estimated rows and bytes before reading. */
    private Snapshot loadAll(long[] estimate) {
        StoreBuilder builder = new StoreBuilder(config.userKey().storeKind(), config.timezone());
        ZoneOffsetTable zone = new ZoneOffsetTable(config.timezone());
        List<Watermark> watermarks = new ArrayList<>();
        Instant readAt = Instant.now();
        try (PgDatabase database = new PgDatabase(config.database())) {
            if (config.dictionary() != null && config.dictionary().parquet() != null) {
                throw readBySpark(config.dictionary().parquet());
            }
            lockTables(database);
            List<SourceReader> readers = new ArrayList<>();
            List<PgWatermarkReader> watermarked = new ArrayList<>();
            for (SourceConfig source : config.sources()) {
                PgWatermarkReader marked = source.watermark() == null ? null
                        : new PgWatermarkReader(database, (SourceLocation.Table) source.location(), null, null);
                watermarked.add(marked);
                readers.add(marked != null ? marked : source.location().accept(new SourceReaders(database)));
            }
            long[] rows = checkHeap(readers, estimate);
            if (config.dictionary() != null) {
                new PgDictionaryReader(database.connection()).read(config.dictionary(), builder.types());
            }
            for (int s = 0; s < readers.size(); s++) {
                SourceConfig source = config.sources().get(s);
                long start = System.nanoTime();
                RowSink sink = new RowSink(builder, source, zone, progress);
                if (rows[s] > 0) {
                    sink.reserve(rows[s]);
                }
                readers.get(s).read(source, sink);
                long read = sink.finish();
                PgWatermarkReader marked = watermarked.get(s);
                if (marked != null) {
                    watermarks.add(new Watermark(source.name(), source.watermark(), marked.type(), marked.value(),
                            read, -1));
                }
                builder.sourceSeconds(builder.source(source.name()), (System.nanoTime() - start) / 1e9);
            }
            CostsConfig costs = config.costs();
            if (costs != null) {
                CostRows costRows = new CostRows(costs.dimension(), zone);
                costs.location().accept(new CostsReaders(database)).read(costs, costRows);
                builder.costs(costRows.table());
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

    /** Each source's estimated rows (-1 unknown); fails when their estimated heap does not fit. */
    private long[] checkHeap(List<SourceReader> readers, long[] estimate) {
        long[] rows = new long[readers.size()];
        long total = 0;
        long bytes = 0;
        List<String> parts = new ArrayList<>();
        for (int s = 0; s < rows.length; s++) {
            SourceConfig source = config.sources().get(s);
            rows[s] = readers.get(s).estimatedRows();
            if (rows[s] > 0) {
                total += rows[s];
                bytes += HeapBudget.bytesFor(source, rows[s]);
                parts.add(String.format(Locale.ROOT, "%s ~%,d", source.name(), rows[s]));
            }
        }
        estimate[0] = total;
        estimate[1] = bytes;
        HeapBudget.check(bytes, String.format(Locale.ROOT, "about %,d rows (%s)", total, String.join(", ", parts)));
        return rows;
    }

    /**
     * Locks every table of the load before reading any, so all are read in one snapshot that no TRUNCATE can
     * empty under the load (see {@link PgDatabase}).
     */
    private void lockTables(PgDatabase database) {
        if (config.dictionary() != null) {
            database.lock("dictionary", config.dictionary().table());
        }
        for (SourceConfig source : config.sources()) {
            String table = source.location().accept(TABLE_NAME);
            if (table != null) {
                database.lock(source.label(), table);
            }
        }
        String costs = config.costs() == null ? null : config.costs().location().accept(TABLE_NAME);
        if (costs != null) {
            database.lock("costs", costs);
        }
    }

    /** The table a location reads, or null for a location outside the database. */
    private static final SourceLocation.Visitor<String> TABLE_NAME = new SourceLocation.Visitor<>() {
        @Override
        public String table(SourceLocation.Table table) {
            return table.name();
        }

        @Override
        public String csvFile(SourceLocation.CsvFile file) {
            return null;
        }

        @Override
        public String parquetFiles(SourceLocation.ParquetFiles files) {
            return null;
        }
    };

    /** The reader of each kind of location; a new kind fails to compile here until it has one. */
    private static final class SourceReaders implements SourceLocation.Visitor<SourceReader> {
        private final PgDatabase database;

        SourceReaders(PgDatabase database) {
            this.database = database;
        }

        @Override
        public SourceReader table(SourceLocation.Table table) {
            return new PgTableReader(database, table);
        }

        @Override
        public SourceReader csvFile(SourceLocation.CsvFile file) {
            return new CsvFileReader(file);
        }

        @Override
        public SourceReader parquetFiles(SourceLocation.ParquetFiles files) {
            throw readBySpark(files.path());
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

        @Override
        public CostsReader parquetFiles(SourceLocation.ParquetFiles files) {
            throw readBySpark(files.path());
        }
    }

    /** Parquet files are read by the Spark backend (module voronka-spark), not into this process's heap. */
    private static LoadException readBySpark(java.nio.file.Path path) {
        return new LoadException("Parquet " + path + " is read by the Spark backend: run io.voronka.spark.SparkQuery"
                + " with this configuration (README, 'Past one machine')");
    }
}
