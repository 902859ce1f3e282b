package io.voronka.spark;

import io.voronka.engine.config.ConfigDocument;
import io.voronka.server.BackendSettings;

import java.nio.file.Path;

/**
 * The {@code backend.spark} section of the configuration file (read and checked by the server's
 * {@link BackendSettings}): where the Spark cluster is and into how many user partitions the events are split.
 * <pre>
 * backend:
 *   spark: { master: "spark://10.0.0.5:7077", partitions: 64 }   # master default local[*], partitions default 8
 * </pre>
 */
public record SparkSettings(String master, int partitions) {
    public static final String DEFAULT_MASTER = BackendSettings.Spark.DEFAULT_MASTER;
    public static final int DEFAULT_PARTITIONS = BackendSettings.Spark.DEFAULT_PARTITIONS;

    public SparkSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("backend.spark.partitions must be >= 1, was " + partitions);
        }
    }

    /** The section of {@code file}, or the defaults when the file has none. */
    public static SparkSettings load(Path file) {
        return from(ConfigDocument.read(file, System::getenv));
    }

    /** The section of {@code document}, or the defaults when it has none. */
    public static SparkSettings from(ConfigDocument document) {
        BackendSettings.Spark spark = BackendSettings.from(document).spark();
        return spark == null ? new SparkSettings(DEFAULT_MASTER, DEFAULT_PARTITIONS)
                : new SparkSettings(spark.master(), spark.partitions());
    }
}
