package io.voronka.engine.load;

import io.voronka.engine.config.SourceConfig;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.store.CostTable;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Loads every source of a configuration into a new {@link EventStore}: the dictionary first, then the sources in
 * order (tables through {@link PgLoader}, files through {@link CsvLoader}), then the build (grouping by user,
 * sorting, dropping duplicates). Each source's {@code SourceReport.seconds()} is its read time.
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
        refuseParquet();
        StoreBuilder builder = new StoreBuilder(config.userKey().storeKind(), config.timezone());
        ZoneOffsetTable zone = new ZoneOffsetTable(config.timezone());
        boolean needsDatabase = config.dictionary() != null || config.costs() != null
                || config.sources().stream().anyMatch(SourceConfig::isTable);
        Connection connection = needsDatabase ? PgLoader.connect(config.database()) : null;
        CostTable costs = CostTable.EMPTY;
        try {
            PgLoader tables = connection == null ? null : new PgLoader(connection, zone, progress);
            if (config.dictionary() != null) {
                tables.loadDictionary(config.dictionary(), builder.types());
            }
            for (SourceConfig source : config.sources()) {
                long start = System.nanoTime();
                int index = builder.source(source.name());
                builder.keepDuplicates(index, !source.dedupe());
                if (source.isTable()) {
                    tables.loadSource(source, builder);
                } else {
                    new CsvLoader(zone, progress).loadSource(source, builder);
                }
                builder.sourceSeconds(index, (System.nanoTime() - start) / 1e9);
            }
            if (config.costs() != null) {
                costs = tables.loadCosts(config.costs());
            }
        } finally {
            closeQuietly(connection);
        }
        return builder.build(threads).withCosts(costs);
    }

    /** Parquet files are read by the Spark backend (module voronka-spark), not into this process's heap. */
    private void refuseParquet() {
        String what = config.sources().stream().filter(SourceConfig::isParquet).map(s -> "source '" + s.name() + "'")
                .findFirst().orElse(config.dictionary() != null && config.dictionary().parquet() != null ? "the dictionary"
                        : config.costs() != null && config.costs().parquet() != null ? "the costs" : null);
        if (what != null) {
            throw new LoadException(config.file() + ": " + what + " reads Parquet files, which the Spark backend"
                    + " answers: run io.voronka.spark.SparkQuery with this configuration (see README, 'Past one"
                    + " machine')");
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // the data is read; a failing close changes nothing for the store
        }
    }
}
