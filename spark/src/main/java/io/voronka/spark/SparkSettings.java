package io.voronka.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.voronka.engine.config.ConfigException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * The {@code backend.spark} section of the configuration file: where the Spark cluster is and into how many user
 * partitions the events are split.
 * <pre>
 * backend:
 *   spark: { master: "spark://10.0.0.5:7077", partitions: 64 }   # master default local[*], partitions default 8
 * </pre>
 */
public record SparkSettings(String master, int partitions) {
    public static final String DEFAULT_MASTER = "local[*]";
    public static final int DEFAULT_PARTITIONS = 8;

    public SparkSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("backend.spark.partitions must be >= 1, was " + partitions);
        }
    }

    /** The section of {@code file}, or the defaults when the file has none. */
    public static SparkSettings load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        JsonNode spark = root == null ? null : root.path("backend").get("spark");
        if (spark == null || spark.isNull()) {
            return new SparkSettings(DEFAULT_MASTER, DEFAULT_PARTITIONS);
        }
        if (!spark.isObject()) {
            throw new ConfigException(file + ": backend.spark must be a mapping, e.g. { master: \"local[*]\", partitions: 8 }");
        }
        for (Iterator<String> keys = spark.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!Set.of("master", "partitions").contains(key)) {
                throw new ConfigException(file + ": backend.spark: unknown key '" + key + "' (known keys: master, partitions)");
            }
        }
        JsonNode partitions = spark.get("partitions");
        if (partitions != null && !partitions.canConvertToInt()) {
            throw new ConfigException(file + ": backend.spark: 'partitions' must be a whole number, got " + partitions);
        }
        int p = partitions == null ? DEFAULT_PARTITIONS : partitions.asInt();
        if (p < 1) {
            throw new ConfigException(file + ": backend.spark: 'partitions' must be >= 1, got " + p);
        }
        return new SparkSettings(spark.path("master").asText(DEFAULT_MASTER), p);
    }
}
