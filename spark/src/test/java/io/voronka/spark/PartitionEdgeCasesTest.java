package io.voronka.spark;

import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.demo.DemoCrm;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Partitionings that could break a merge, on Spark {@code local[2]}: more partitions than users (most of them empty),
 * one user holding most events (skew), stores split into many segments; each answers as one partition does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionEdgeCasesTest {
    private static final long SKEWED_USER = DemoCrm.FIRST_USER_ID;

    private SparkSession spark;
    private final List<SparkBackend> backends = new ArrayList<>();
    private SparkBackend single;

    @BeforeAll
    void buildFourPartitionings() throws Exception {
        DemoParquet demo = new DemoParquet(800);
        demo.close();
        spark = DemoParquet.session("local[2]");
        Path skew = demo.dir.resolve("skew");
        // 5,000 events of one user: more than all other users' events together
        spark.range(5_000).select(lit(SKEWED_USER).as("_user_id"),
                        col("id").mod(3).plus(3).cast("int").as("event_id"), col("id"))
                .selectExpr("_user_id", "event_id", "timestamp_seconds(1609448400 + id * 97) as happened_at")
                .write().mode(SaveMode.Overwrite).parquet(skew.toString());
        Path config = demo.dir.resolve("skewed.yaml");
        Files.writeString(config, ParquetDemo.config().replace("sources:\n", """
                sources:
                  - name: skew
                    parquet: skew
                    user: _user_id
                    time: happened_at
                    type: { column: event_id }
                """));
        VoronkaConfig vc = VoronkaConfig.load(config);
        single = SparkBackend.open(spark, vc, 1);
        long users = single.userCount();
        backends.add(SparkBackend.open(spark, vc, 3));
        backends.add(SparkBackend.open(spark, vc, (int) users + 16));
        backends.add(SparkBackend.open(spark, vc, 3, 200));
        assertTrue(backends.get(1).partitions().stream().anyMatch(p -> p.events() == 0), "some partitions are empty");
    }

    @AfterAll
    void stop() {
        backends.forEach(SparkBackend::close);
        single.close();
        spark.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "3 > 4|13 > 7 > pay",
            "3 > 4 > 5 strict order",
            "3 > 4|13 > 7 by utm_source trend month",
            "3 > 4 count conversions",
            "3 > 4 any order",
            "3 > 4 drill 1 limit 100000",
            "3 > 4 drill 2 limit 7 offset 3",
            "users of 3|4 per month",
            "events per week by device",
            "retention of 3 return 4 per month 4",
            "paths top 2 depth 5",
            "time from 3 to next by outcome 4 within 7d",
            "rate of 4 per 3 by utm_source",
            "distribution of value of pay by device",
            "sticky of 3 per month",
    })
    void everyPartitioningAnswersAsOnePartition(String query) throws Exception {
        String expected = CanonicalAnswer.of(single.execute(query, null));
        for (SparkBackend backend : backends) {
            assertEquals(expected, CanonicalAnswer.of(backend.execute(query, null)),
                    query + " on " + backend.partitions().size() + " partitions");
        }
    }
}
