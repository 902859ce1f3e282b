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
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;

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
        StoreBuilder builder = new StoreBuilder(config.userKey().storeKind(), config.timezone());
        ZoneOffsetTable zone = new ZoneOffsetTable(config.timezone());
        try (PgDatabase database = new PgDatabase(config.database())) {
            if (config.dictionary() != null && config.dictionary().parquet() != null) {
                throw readBySpark(config.dictionary().parquet());
            }
            if (config.dictionary() != null) {
                new PgDictionaryReader(database.connection()).read(config.dictionary(), builder.types());
            }
            for (SourceConfig source : config.sources()) {
                long start = System.nanoTime();
                RowSink sink = new RowSink(builder, source, zone, progress);
                source.location().accept(new SourceReaders(database)).read(source, sink);
                sink.finish();
                builder.sourceSeconds(builder.source(source.name()), (System.nanoTime() - start) / 1e9);
            }
            CostsConfig costs = config.costs();
            if (costs != null) {
                CostRows rows = new CostRows(costs.dimension(), zone);
                costs.location().accept(new CostsReaders(database)).read(costs, rows);
                builder.costs(rows.table());
            }
        }
        return builder.build(threads);
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
