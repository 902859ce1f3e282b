package io.voronka.server;

import io.voronka.engine.config.ConfigDocument;
import io.voronka.engine.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code backend} section: read and checked like every section; {@code voronka.jar} refuses to serve Spark. */
class BackendSectionTest {
    private static final String SOURCES = """
            sources:
              - { name: events, file: events.csv, user: u, time: t, type: e }
            """;

    @TempDir
    Path dir;

    private static BackendSettings read(String yaml) {
        return BackendSettings.from(VoronkaApp.checked(ConfigDocument.parse(yaml, Path.of("voronka.yaml"),
                name -> null)));
    }

    @Test
    void withoutTheSectionTheHeapAnswers() {
        BackendSettings backend = read(SOURCES);
        assertNull(backend.spark());
        assertTrue(!backend.isSpark());
    }

    @Test
    void sparkSettingsHaveDefaults() {
        assertEquals(new BackendSettings.Spark("local[*]", 8), read(SOURCES + "backend: { spark: {} }\n").spark());
        assertEquals(new BackendSettings.Spark("spark://10.0.0.5:7077", 64), read(SOURCES
                + "backend:\n  spark: { master: \"spark://10.0.0.5:7077\", partitions: 64 }\n").spark());
    }

    @Test
    void unknownKeysAndBadPartitionsAreConfigurationErrorsNamingTheKey() {
        ConfigException typo = assertThrows(ConfigException.class,
                () -> read(SOURCES + "backend: { spark: { master: local, partitons: 4 } }\n"));
        assertTrue(typo.getMessage().contains("backend.spark: unknown key 'partitons'")
                && typo.getMessage().contains("partitions"), typo.getMessage());
        ConfigException other = assertThrows(ConfigException.class, () -> read(SOURCES + "backend: { flink: {} }\n"));
        assertTrue(other.getMessage().contains("backend: unknown key 'flink'"), other.getMessage());
        ConfigException zero = assertThrows(ConfigException.class,
                () -> read(SOURCES + "backend: { spark: { partitions: 0 } }\n"));
        assertTrue(zero.getMessage().contains("'partitions' must be a whole number from 1"), zero.getMessage());
        ConfigException top = assertThrows(ConfigException.class, () -> read(SOURCES + "backnd: { spark: {} }\n"));
        assertTrue(top.getMessage().contains("backend"), "did you mean: " + top.getMessage());
    }

    @Test
    void voronkaJarServeOfASparkBackendSaysInOneLineThatSparkServeServesIt() throws Exception {
        Path config = dir.resolve("voronka.yaml");
        Files.writeString(config, SOURCES + "backend: { spark: { master: \"local[2]\", partitions: 4 } }\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = VoronkaCli.run(o, e, "serve", "--config", config.toString(), "--port", "0");
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(4, code, message);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("voronka: " + config + ": 'backend: spark' is answered by voronka-spark.jar")
                && message.contains("io.voronka.spark.SparkServe"), message);
    }
}
