package io.voronka.server;

import io.voronka.engine.config.ConfigDocument;
import io.voronka.engine.config.ConfigSection;

import java.util.List;

/**
 * The {@code backend} section of the configuration file: what answers the queries. Without it the in-memory engine
 * does (the heap store of {@code voronka.jar}); {@code backend: { spark: {...} }} names an Apache Spark cluster,
 * served by the {@code spark} module's entry points ({@code SparkServe}, {@code SparkQuery}), never by
 * {@code voronka.jar}, which carries no Spark.
 * <pre>
 * backend:
 *   spark: { master: "spark://10.0.0.5:7077", partitions: 64 }   # master default local[*], partitions default 8
 * </pre>
 *
 * @param spark the Spark settings, or null when the heap store answers
 */
public record BackendSettings(Spark spark) {
    /** The top-level section read here. */
    public static final List<String> SECTIONS = List.of("backend");

    public static final BackendSettings HEAP = new BackendSettings(null);

    /** Where the Spark cluster is and into how many user partitions the events are split. */
    public record Spark(String master, int partitions) {
        public static final String DEFAULT_MASTER = "local[*]";
        public static final int DEFAULT_PARTITIONS = 8;
        /** More partitions than this is a typo, not a plan (each one is a task and a store on an executor). */
        public static final int MAX_PARTITIONS = 1 << 20;

        public Spark {
            if (master == null || master.isBlank()) {
                throw new IllegalArgumentException("backend.spark.master must not be blank");
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("backend.spark.partitions must be >= 1, was " + partitions);
            }
        }
    }

    public static BackendSettings from(ConfigDocument document) {
        ConfigSection backend = document.top().section("backend");
        if (backend == null) {
            return HEAP;
        }
        backend.allow("spark");
        if (!backend.has("spark")) {
            throw backend.error("names no backend: write 'backend: { spark: { master: \"local[*]\", partitions: 8 } }'"
                    + " or leave the section out for the in-memory store");
        }
        ConfigSection spark = backend.section("spark");
        spark.allow("master", "partitions");
        String master = spark.string("master", false);
        int partitions = spark.intIn("partitions", Spark.DEFAULT_PARTITIONS, 1, Spark.MAX_PARTITIONS);
        return new BackendSettings(new Spark(master == null ? Spark.DEFAULT_MASTER : master, partitions));
    }

    public boolean isSpark() {
        return spark != null;
    }
}
