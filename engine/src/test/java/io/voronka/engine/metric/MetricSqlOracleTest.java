package io.voronka.engine.metric;

import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.result.CohortRow;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;
import io.voronka.engine.testing.DemoInPostgres;
import io.voronka.engine.testing.PgTestDatabase;
import io.voronka.engine.testing.SqlMaps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DAU, daily revenue and a monthly retention matrix: the engine on loaded demo data equals SQL in PostgreSQL. */
@Tag("postgres")
class MetricSqlOracleTest {
    private static PgTestDatabase db;
    private static EventStore store;
    private static QueryEngine engine;

    @BeforeAll
    static void load() throws Exception {
        db = DemoInPostgres.write("metric_oracle", 77, 250_000);
        store = DemoInPostgres.load(db, VoronkaConfig.load(Path.of("../config/seed-crm.yaml")));
        engine = new QueryEngine(2);
    }

    @AfterAll
    static void drop() throws Exception {
        engine.close();
        db.close();
    }

    private static Map<String, Double> sql(String query) throws Exception {
        return SqlMaps.query(db, query);
    }

    private static Map<String, Double> engineSeries(SeriesResult r) {
        Map<String, Double> out = new TreeMap<>();
        for (int b = 0; b < r.buckets().size(); b++) {
            double v = r.series().get(0).values().get(b);
            if (v != 0) {
                out.put(r.buckets().get(b), v);
            }
        }
        return out;
    }

    @Test
    void uniqueUsersWithARequestPerDayMatchPostgres() throws Exception {
        SeriesResult dau = (SeriesResult) engine.execute(new MetricQuery(Measure.USERS, List.of(EventRef.ofId(3)),
                Bucket.DAY, DateRange.all(), List.of(), Optional.empty(), false, false), store);
        Map<String, Double> expected = sql("SELECT to_char(happened_at, 'YYYY-MM-DD'), count(DISTINCT _user_id)"
                + " FROM events WHERE event_id = 3 GROUP BY 1");
        assertTrue(expected.size() > 300, "a year of days");
        assertEquals(expected, engineSeries(dau));
    }

    @Test
    void revenuePerDayMatchesPostgres() throws Exception {
        SeriesResult revenue = (SeriesResult) engine.execute(new MetricQuery(Measure.SUM,
                List.of(EventRef.ofName("pay")), Bucket.DAY, DateRange.all(), List.of(), Optional.empty(), false, true),
                store);
        Map<String, Double> expected = sql("SELECT to_char(transaction_created_at, 'YYYY-MM-DD'), sum(amount)"
                + " FROM (SELECT DISTINCT * FROM payments WHERE NOT is_gift) p GROUP BY 1");
        Map<String, Double> actual = engineSeries(revenue);
        assertEquals(expected.keySet(), actual.keySet());
        for (String day : expected.keySet()) {
            assertEquals(expected.get(day), actual.get(day), 0.005, day);
        }
    }

    @Test
    void monthlyRetentionFromRequestToPaymentMatchesPostgres() throws Exception {
        RetentionResult retention = (RetentionResult) engine.execute(new RetentionQuery(List.of(EventRef.ofId(3)),
                List.of(EventRef.ofName("pay")), Bucket.MONTH, 6, DateRange.all(), Measure.USERS, false,
                Optional.empty()), store);
        String sql = """
                WITH first AS (SELECT _user_id AS u, min(happened_at) AS t FROM events WHERE event_id = 3 GROUP BY 1),
                pay AS (SELECT DISTINCT _user_id AS u, transaction_created_at AS t FROM payments WHERE NOT is_gift)
                SELECT to_char(date_trunc('month', f.t), 'YYYY-MM') || '/' ||
                       ((extract(year FROM p.t) - extract(year FROM f.t)) * 12
                        + extract(month FROM p.t) - extract(month FROM f.t))::int,
                       count(DISTINCT f.u)
                FROM first f JOIN pay p ON p.u = f.u AND p.t >= f.t
                GROUP BY 1
                """;
        Map<String, Double> expected = sql(sql);
        Map<String, Double> actual = new TreeMap<>();
        for (CohortRow row : retention.cohorts()) {
            for (int age = 0; age < 6; age++) {
                double v = row.values().get(age);
                if (!Double.isNaN(v) && v > 0) {
                    actual.put(row.cohort() + "/" + age, v);
                }
            }
        }
        expected.keySet().removeIf(k -> Integer.parseInt(k.substring(k.indexOf('/') + 1)) >= 6);
        assertEquals(expected, actual);
        Map<String, Double> sizes = sql("SELECT to_char(date_trunc('month', min(happened_at)), 'YYYY-MM'), 1"
                + " FROM events WHERE event_id = 3 GROUP BY _user_id");
        assertEquals(sizes.keySet().stream().toList(), retention.cohorts().stream().map(CohortRow::cohort).toList(),
                "one cohort per month with a first request (a year of data touches 13 calendar months)");
    }

    @Test
    void aReturnEventInTheSameSecondAsTheCohortEventCounts() {
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZoneOffset.UTC);
        int src = b.source("events");
        int pay = b.types().constant("pay");
        int request = b.types().define(3, "request", List.of());
        int u = b.users().internLong(1);
        b.append(src, u, request, 1_600_000_000L);
        b.append(src, u, pay, 1_600_000_000L);
        EventStore tiny = b.build(1);
        assertTrue(pay < request, "the payment sorts before the request within the second");
        RetentionResult r = (RetentionResult) engine.execute(new RetentionQuery(List.of(EventRef.ofId(3)),
                List.of(EventRef.ofName("pay")), Bucket.DAY, 1, DateRange.all(), Measure.USERS, false,
                Optional.empty()), tiny);
        assertEquals(1.0, r.cohorts().get(0).values().get(0));
    }
}
