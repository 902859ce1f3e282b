package io.voronka.spark;

import io.voronka.engine.result.QueryResult;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Queries over the demo CRM in Parquet on a real standalone cluster (a master and two workers, separate JVMs):
 * every answer of every query kind equals the in-memory engine's over the same rows.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterAnswersTest {
    private static final long EVENTS = 150_000;

    private SparkCluster cluster;
    private DemoParquet demo;
    private SparkSession spark;
    private SparkBackend backend;

    @BeforeAll
    void startClusterAndBuildStores() throws Exception {
        demo = new DemoParquet(EVENTS);
        cluster = SparkCluster.start(2);
        spark = DemoParquet.session(cluster.masterUrl());
        backend = SparkBackend.open(spark, demo.config(), 5);
    }

    @AfterAll
    void stop() throws Exception {
        if (backend != null) {
            backend.close();
        }
        if (spark != null) {
            spark.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
        demo.close();
    }

    @Test
    void partitionStoresHoldEveryEventOfTheInMemoryStore() {
        assertEquals(demo.reference.eventCount(), backend.eventCount());
        assertEquals(demo.reference.userCount(), backend.userCount());
        assertEquals(5, backend.partitions().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "3 > 4|13 > 7 > pay",
            "\"Создание заявки\" > 'first_line_call'|whatsapp > intro_lesson_done",
            "request_created > first_line_call|13 > 7 within 7d from 2021-03-07 to 2021-03-13",
            "3 > 4|13 within 3h > 5 within 2d > 7",
            "3 > 4|13 > 7 strict",
            "3 > 4 > 7 strict order last 30d",
            "3 > 4|13 > 7 any order within 30d",
            "7 > pay exclude 9|10",
            "3 > 4|13 > 7 exclude 11 between 2 and 3 exclude 5 between 1 and 2",
            "3 > 4|13 > 7 by utm_source",
            "3 > 4|13 > 7 > pay by operator_group at step 2 trend week",
            "3 > 7 trend month by completion count conversions",
            "3 > 4|13 > 7 last 7d trend day",
            "3 > 4|13 > 7 drill 2 limit 1000000",
            "3 > 4|13 > 7 drill 2 limit 50 offset 100",
            "3 > 4|13 > 7 dropped at 3",
            "users of 3 per day last 7d",
            "users per week",
            "users per month",
            "events of 4|13 per hour of day last 30d",
            "sum of pay per day last 7d change",
            "cumulative users of 3 per day",
            "users of 3 per week where utm_source = 'yandex' and device in ('mobile', 'desktop')",
            "sum of pay per month where currency != 'USD'",
            "sum of pay per month by product",
            "events of 4 per weekday by operator_group",
            "retention of 3 return 7 per week 8",
            "cumulative retention of 3 per week 8 from 2020-06-01 to 2020-12-31",
            "retention of 3 return pay per month 6 by utm_source",
            "3 > 4|13 > 7 times",
            "3 > 4|13 within 3h > 7 > pay times by device",
            "avg of pay per month",
            "cumulative avg of pay per week by product change",
            "ltv of 3 value pay per month 6",
            "cumulative ltv of 3 value pay per week 8 by utm_source",
            "cac of pay by utm_source per month",
            "roi of pay by utm_source per month within 180d",
            "cac of pay by utm_source per week last 28d",
            "romi of pay by utm_source per month within 3 months",
            "spend per month by utm_source",
            "spend share by utm_source per week",
            "sessions of 4|13 gap 1h per month by device",
            "sessions per user per week",
            "avg session length of 3|4|13 gap 2h per month",
            "dau of 3",
            "wau of 3",
            "mau of 3",
            "sticky of 3",
            "sticky of 4|13 per month",
            "dau of 3 per month where device = 'mobile'",
            "rate of pay per 7",
            "rate of pay per 7 by utm_source",
            "rate of 7 per 3 by device, utm_source",
            "rate of 4 where operator_group = '1L Alpha' per 1 by weekday per month",
            "rate of pay per 7 top 1 utm_source by device min 5",
            "rate of pay per 3 within 14d by hour",
            "avg of value of pay per month",
            "median of value of pay",
            "p90 of value of pay by product",
            "max of value of pay by currency, weekday",
            "sum of value of pay by product per month",
            "distribution of value of pay by device",
            "distribution of value of pay where currency in ('RUB', 'USD') by currency",
            "time from 1 to next",
            "time from 1 to next per hour",
            "time from 8 to next 9|pay by outcome pay within 30d histogram 2h",
            "time from 5 to next histogram 1h, 3h, 1d, 3d last 90d",
            "time from first_line_task to next histogram 12 where first utm_source = 'yandex'",
            "paths",
            "paths from 5 to pay depth 6 collapse repeats",
            "paths from first_line_task top 5 last 30d",
            "paths depth 7 where did 13|10",
            "paths top 1 depth 4",
    })
    void answersEqualTheInMemoryEngine(String query) throws Exception {
        QueryResult expected = demo.expected(query);
        QueryResult actual = backend.execute(query, null);
        assertEquals(CanonicalAnswer.of(expected), CanonicalAnswer.of(actual), query);
    }
}
