package io.voronka.spark;

import io.voronka.dsl.Catalog;
import io.voronka.dsl.QueryParser;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo CRM of {@code events} rows twice: as Parquet under {@code target/} (written once per size and kept for
 * later runs) and as the in-memory engine's store built straight from the generator, the reference answer.
 */
final class DemoParquet implements AutoCloseable {
    final Path dir;
    final EventStore reference;
    private final QueryEngine engine = new QueryEngine(2);

    DemoParquet(long events) {
        this.dir = Path.of("target", "demo-parquet-" + events).toAbsolutePath();
        if (!Files.exists(dir.resolve(ParquetDemo.CONFIG_FILE))) {
            ParquetDemo.write(dir, new DemoCrm(42, events));
        }
        this.reference = DemoStoreSink.build(42, events, 2);
    }

    VoronkaConfig config() {
        return config(dir);
    }

    /** The configuration {@link ParquetDemo} wrote into {@code dir}. */
    static VoronkaConfig config(Path dir) {
        return VoronkaConfig.load(dir.resolve(ParquetDemo.CONFIG_FILE));
    }

    /** The in-memory engine's answer. */
    QueryResult expected(String text) throws Exception {
        List<String> dimensions = reference.dimensions().stream().map(Dimension::name).toList();
        return engine.execute(QueryParser.parse(text, new Catalog(reference.types(), dimensions)), reference, null);
    }

    /** A session on {@code master} that ships Voronka's classes to the executors. */
    static SparkSession session(String master) throws Exception {
        return session(master, "512m");
    }

    /** As above, with {@code executorMemory} per executor of a cluster (a local master runs in this JVM's heap). */
    static SparkSession session(String master, String executorMemory) throws Exception {
        return Sessions.builder(master, DemoCrm.ZONE)
                .config("spark.jars", String.join(",", SparkCluster.appJars()))
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.executor.memory", executorMemory)
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    @Override
    public void close() {
        engine.close();
    }
}
