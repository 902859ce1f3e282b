package io.voronka.engine.metric;

import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.query.ActivityMeasure;
import io.voronka.engine.query.ActivityQuery;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.SessionMeasure;
import io.voronka.engine.query.SessionQuery;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.testing.DemoInPostgres;
import io.voronka.engine.testing.PgTestDatabase;
import io.voronka.engine.testing.SqlMaps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions (gap-cut), DAU/WAU/MAU averages and the sticky factor on the demo CRM equal SQL in PostgreSQL. */
class SessionAndActivitySqlOracleTest {
    private static final List<EventRef> CONTACTS = List.of(EventRef.ofId(4), EventRef.ofId(13), EventRef.ofId(9));
    /** Sessions of contact events (first-line calls, WhatsApp, second-line calls) cut at gaps over 30 minutes. */
    private static final String SESSIONS = """
            WITH e AS (SELECT _user_id AS u, happened_at AS t FROM events WHERE event_id IN (4, 13, 9)),
            l AS (SELECT u, t, CASE WHEN t - lag(t) OVER w <= interval '30 minutes' THEN 0 ELSE 1 END AS s
                  FROM e WINDOW w AS (PARTITION BY u ORDER BY t)),
            g AS (SELECT u, t, sum(s) OVER (PARTITION BY u ORDER BY t, s DESC ROWS UNBOUNDED PRECEDING) AS id FROM l),
            sess AS (SELECT u, min(t) AS st, max(t) AS en FROM g GROUP BY u, id)
            """;
    private static PgTestDatabase db;
    private static EventStore store;
    private static QueryEngine engine;

    @BeforeAll
    static void load() throws Exception {
        db = DemoInPostgres.write("sessions_oracle", 19, 200_000);
        store = DemoInPostgres.load(db, VoronkaConfig.load(Path.of("../config/seed-crm.yaml")));
        engine = new QueryEngine(2);
    }

    @AfterAll
    static void drop() throws Exception {
        engine.close();
        db.close();
    }

    private static Map<String, Double> values(SeriesResult r) {
        Map<String, Double> out = new TreeMap<>();
        for (int b = 0; b < r.buckets().size(); b++) {
            double v = r.series().get(0).values().get(b);
            if (!Double.isNaN(v) && v != 0) {
                out.put(r.buckets().get(b), v);
            }
        }
        return out;
    }

    private static SeriesResult sessions(SessionMeasure measure) {
        return (SeriesResult) engine.execute(new SessionQuery(measure, CONTACTS, List.of(), 1800, Optional.empty(),
                Bucket.MONTH, DateRange.all()), store);
    }

    @Test
    void sessionsPerMonthAndTheirLengthAndUsers() throws Exception {
        Map<String, Double> count = SqlMaps.query(db, SESSIONS + "SELECT to_char(st, 'YYYY-MM'), count(*) FROM sess"
                + " GROUP BY 1");
        assertTrue(count.size() >= 12, "a year of months");
        SqlMaps.assertClose(count, values(sessions(SessionMeasure.SESSIONS)), 0);
        SqlMaps.assertClose(SqlMaps.query(db, SESSIONS + "SELECT to_char(st, 'YYYY-MM'),"
                        + " avg(extract(epoch FROM en - st)) FROM sess GROUP BY 1 HAVING avg(extract(epoch FROM en - st)) > 0"),
                values(sessions(SessionMeasure.AVERAGE_LENGTH)), 1e-9);
        SqlMaps.assertClose(SqlMaps.query(db, SESSIONS + "SELECT to_char(st, 'YYYY-MM'),"
                + " count(*)::float8 / count(DISTINCT u) FROM sess GROUP BY 1"),
                values(sessions(SessionMeasure.SESSIONS_PER_USER)), 1e-9);
    }

    private static SeriesResult activity(ActivityMeasure measure, Bucket bucket) {
        return (SeriesResult) engine.execute(new ActivityQuery(measure, List.of(EventRef.ofId(3)), List.of(), bucket,
                DateRange.all()), store);
    }

    @Test
    void dauWauMauAndStickyPerMonthAreAveragesOfUniqueUsers() throws Exception {
        String periods = """
                WITH span AS (SELECT min(t)::date AS first, max(t)::date AS last FROM (
                          SELECT happened_at AS t FROM events UNION ALL
                          SELECT transaction_created_at FROM payments WHERE NOT is_gift) x),
                days AS (SELECT d::date AS d FROM span, generate_series(first, last, interval '1 day') d),
                daily AS (SELECT days.d, count(DISTINCT e._user_id) AS n FROM days
                          LEFT JOIN events e ON e.event_id = 3 AND e.happened_at::date = days.d GROUP BY 1),
                dau AS (SELECT to_char(d, 'YYYY-MM') AS m, avg(n) AS v FROM daily GROUP BY 1),
                mau AS (SELECT to_char(happened_at, 'YYYY-MM') AS m, count(DISTINCT _user_id)::float8 AS v FROM events
                        WHERE event_id = 3 GROUP BY 1),
                weekly AS (SELECT greatest(date_trunc('week', happened_at)::date, (SELECT first FROM span)) AS w,
                           count(DISTINCT _user_id) AS n FROM events WHERE event_id = 3 GROUP BY 1),
                wau AS (SELECT to_char(w, 'YYYY-MM') AS m, avg(n) AS v FROM weekly GROUP BY 1)
                """;
        SqlMaps.assertClose(SqlMaps.query(db, periods + "SELECT m, v FROM dau WHERE v > 0"),
                values(activity(ActivityMeasure.DAU, Bucket.MONTH)), 1e-9);
        SqlMaps.assertClose(SqlMaps.query(db, periods + "SELECT m, v FROM mau"),
                values(activity(ActivityMeasure.MAU, Bucket.MONTH)), 1e-9);
        SqlMaps.assertClose(SqlMaps.query(db, periods + "SELECT m, v FROM wau"),
                values(activity(ActivityMeasure.WAU, Bucket.MONTH)), 1e-9);
        SqlMaps.assertClose(SqlMaps.query(db, periods + "SELECT m, dau.v / mau.v FROM dau JOIN mau USING (m)"),
                values(activity(ActivityMeasure.STICKY, Bucket.MONTH)), 1e-9);
        SqlMaps.assertClose(SqlMaps.query(db, periods + "SELECT 'total', avg(n) FROM daily"),
                values(activity(ActivityMeasure.DAU, Bucket.TOTAL)), 1e-9);
    }
}
