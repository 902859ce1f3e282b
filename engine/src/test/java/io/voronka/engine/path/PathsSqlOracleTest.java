package io.voronka.engine.path;

import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.query.Binning;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.PathsQuery;
import io.voronka.engine.query.TimeInStatusQuery;
import io.voronka.engine.query.UserCondition;
import io.voronka.engine.query.UserFilter;
import io.voronka.engine.result.Distribution;
import io.voronka.engine.result.DistributionResult;
import io.voronka.engine.result.PathLink;
import io.voronka.engine.result.PathNode;
import io.voronka.engine.result.PathsResult;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL as a second oracle on the demo CRM (events and payments, loaded through config/demo-crm.yaml): paths
 * with window functions over each user's events numbered in the documented same-second order (time, then event
 * id, then types without an id), time in status with {@code lead} and percentile_disc, user filters with IN and
 * DISTINCT ON.
 */
class PathsSqlOracleTest {
    /**
     * Table {@code o}: each user's events as the engine keeps them (exact duplicate rows dropped, gifts left out),
     * numbered {@code n} in the same-second order, with the time of the user's next event.
     */
    private static final String ORDERED = """
            CREATE TABLE o AS
            WITH ev AS (
              SELECT _user_id AS uid, happened_at AS t, 0 AS no_id, event_id AS id, event_id::text AS typ
              FROM (SELECT DISTINCT * FROM events) e
              UNION ALL
              SELECT _user_id, transaction_created_at, 1, 0, 'pay'
              FROM (SELECT DISTINCT _user_id, transaction_created_at, amount, currency, product FROM payments
                    WHERE NOT is_gift) p)
            SELECT uid, t, typ, row_number() OVER w AS n, lead(t) OVER w AS next_t
            FROM ev WINDOW w AS (PARTITION BY uid ORDER BY t, no_id, id)
            """;

    private static PgTestDatabase db;
    private static EventStore store;
    private static QueryEngine engine;

    @BeforeAll
    static void load() throws Exception {
        db = DemoInPostgres.write("paths_oracle", 31, 120_000);
        store = DemoInPostgres.load(db, VoronkaConfig.load(Path.of("../config/demo-crm.yaml")));
        db.execute(ORDERED, "CREATE INDEX ON o (uid, typ, t)", "ANALYZE o");
        engine = new QueryEngine(2);
    }

    @AfterAll
    static void drop() throws Exception {
        engine.close();
        db.close();
    }

    @Test
    void firstSevenEventsOfEveryUserMatchWindowFunctions() throws Exception {
        PathsQuery q = new PathsQuery(List.of(), List.of(), 7, PathsQuery.MAX_TOP, false, DateRange.all(),
                UserFilter.NONE);
        compare(q, sqlPaths("true", "false", false, 7, "true"));
    }

    @Test
    void pathsFromIntroLessonToPaymentWithRepeatsCollapsedMatchWindowFunctions() throws Exception {
        PathsQuery q = new PathsQuery(List.of(EventRef.ofId(5)), List.of(EventRef.ofName("pay")), 6,
                PathsQuery.MAX_TOP, true, DateRange.all(), UserFilter.NONE);
        compare(q, sqlPaths("typ = '5'", "typ = 'pay'", true, 6, "true"));
    }

    @Test
    void pathsOfUsersWhoUsedWhatsAppOrTheDemoLessonMatchSql() throws Exception {
        UserFilter did = new UserFilter(List.of(new UserCondition.Did(List.of(EventRef.ofId(13), EventRef.ofId(10)),
                DateRange.all(), false)));
        PathsQuery q = new PathsQuery(List.of(), List.of(), 7, PathsQuery.MAX_TOP, false, DateRange.all(), did);
        compare(q, sqlPaths("true", "false", false, 7, "uid IN (SELECT uid FROM o WHERE typ IN ('13', '10'))"));
    }

    @Test
    void timeFromFirstLineTaskToNextStatusByOutcomeMatchesSql() throws Exception {
        TimeInStatusQuery q = new TimeInStatusQuery(List.of(EventRef.ofId(1)), List.of(),
                List.of(EventRef.ofName("pay")), FunnelQuery.DEFAULT_WINDOW_SECONDS, new Binning.Auto(),
                DateRange.all(), UserFilter.NONE);
        DistributionResult engineAnswer = (DistributionResult) engine.execute(q, store);
        String sql = """
                WITH s AS (
                  SELECT a.t, a.next_t,
                    EXISTS (SELECT 1 FROM o c WHERE c.uid = a.uid AND c.n <> a.n AND c.typ = 'pay' AND c.t >= a.t
                            AND c.t <= a.t + interval '14 days') AS reached
                  FROM o a WHERE a.typ = '1')
                SELECT g || ':' || m, v FROM (
                  SELECT CASE WHEN reached THEN 'REACHED' ELSE 'NOT_REACHED' END AS g,
                    count(next_t)::float8 AS count, (count(*) - count(next_t))::float8 AS open,
                    avg(extract(epoch FROM next_t - t))::float8 AS mean,
                    percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM next_t - t))::float8 AS p50,
                    percentile_disc(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM next_t - t))::float8 AS p90
                  FROM s GROUP BY 1) x
                CROSS JOIN LATERAL (VALUES ('count', count), ('open', open), ('mean', mean), ('p50', p50),
                                           ('p90', p90)) AS kv(m, v)
                """;
        Map<String, Double> expected = SqlMaps.query(db, sql);
        Map<String, Double> actual = new TreeMap<>();
        for (Distribution g : engineAnswer.groups().subList(1, 3)) {
            String name = g.group().name();
            actual.put(name + ":count", (double) g.count());
            actual.put(name + ":open", (double) g.open());
            actual.put(name + ":mean", g.meanSeconds());
            actual.put(name + ":p50", (double) g.p50Seconds());
            actual.put(name + ":p90", (double) g.p90Seconds());
        }
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertEquals(expected.get(key), actual.get(key), 1e-6, key);
        }
        assertTrue(expected.get("REACHED:count") > 100 && expected.get("NOT_REACHED:count") > 100,
                "both outcome groups should be populated: " + expected);
    }

    @Test
    void usersWithARequestPerMonthWhoCameFromVkMatchSql() throws Exception {
        UserFilter vk = new UserFilter(List.of(new UserCondition.FirstTouch(
                new DimensionFilter("utm_source", List.of("vk"), false))));
        SeriesResult r = (SeriesResult) engine.execute(new MetricQuery(Measure.USERS, List.of(EventRef.ofId(3)),
                Bucket.MONTH, DateRange.all(), List.of(), Optional.empty(), false, false, vk), store);
        Map<String, Double> expected = SqlMaps.query(db, """
                WITH first AS (SELECT DISTINCT ON (_user_id) _user_id, utm_source FROM events
                               WHERE utm_source IS NOT NULL ORDER BY _user_id, happened_at, event_id)
                SELECT to_char(e.happened_at, 'YYYY-MM'), count(DISTINCT e._user_id) FROM events e
                JOIN first f ON f._user_id = e._user_id AND f.utm_source = 'vk'
                WHERE e.event_id = 3 GROUP BY 1""");
        Map<String, Double> actual = new TreeMap<>();
        for (int b = 0; b < r.buckets().size(); b++) {
            if (r.series().get(0).values().get(b) > 0) {
                actual.put(r.buckets().get(b), r.series().get(0).values().get(b));
            }
        }
        assertTrue(expected.size() >= 10, "a year of months: " + expected);
        assertEquals(expected, actual);
    }

    /**
     * Nodes "pos:type" and links "pos:type -> pos:type" (type "end" for paths that stop), counted in SQL.
     * {@code start}/{@code stop}: conditions on typ; {@code users}: a condition on uid.
     */
    private static Map<String, Double> sqlPaths(String start, String stop, boolean collapse, int depth, String users)
            throws Exception {
        String sql = """
                WITH s AS (SELECT uid, min(n) AS start FROM o WHERE %s AND %s GROUP BY uid),
                c AS (SELECT o.uid, o.typ, o.n, lag(o.typ) OVER (PARTITION BY o.uid ORDER BY o.n) AS prev
                      FROM o JOIN s ON s.uid = o.uid AND o.n >= s.start),
                k AS (SELECT uid, typ, n FROM c WHERE NOT %s OR prev IS NULL OR prev <> typ),
                p AS (SELECT uid, typ, row_number() OVER (PARTITION BY uid ORDER BY n) AS pos FROM k),
                cut AS (SELECT uid, min(pos) AS last FROM p WHERE pos > 1 AND %s GROUP BY uid),
                path AS (SELECT p.uid, p.typ, p.pos FROM p LEFT JOIN cut ON cut.uid = p.uid
                         WHERE p.pos <= %d AND (cut.last IS NULL OR p.pos <= cut.last))
                SELECT a.pos || ':' || a.typ, count(*) FROM path a GROUP BY 1
                UNION ALL
                SELECT a.pos || ':' || a.typ || ' -> ' || (a.pos + 1) || ':' || coalesce(b.typ, 'end'), count(*)
                FROM path a LEFT JOIN path b ON b.uid = a.uid AND b.pos = a.pos + 1
                WHERE a.pos < %d GROUP BY 1
                UNION ALL
                SELECT (a.pos + 1) || ':end', count(*) FROM path a
                WHERE a.pos < %d AND NOT EXISTS (SELECT 1 FROM path b WHERE b.uid = a.uid AND b.pos = a.pos + 1)
                GROUP BY 1
                """.formatted(start, users, collapse, stop, depth, depth, depth);
        return SqlMaps.query(db, sql);
    }

    private void compare(PathsQuery q, Map<String, Double> expected) {
        PathsResult r = (PathsResult) engine.execute(q, store);
        Map<String, Double> actual = new TreeMap<>();
        for (PathNode n : r.nodes()) {
            actual.put(key(n), (double) n.users());
        }
        for (PathLink l : r.links()) {
            actual.put(key(r.nodes().get(l.from())) + " -> " + key(r.nodes().get(l.to())), (double) l.users());
        }
        assertTrue(r.users() > 1000, "the demo should have many paths, had " + r.users());
        assertEquals(expected, actual, q.toString());
    }

    /** A node as SQL names it: position and the event id (or pay, or end). */
    private static String key(PathNode n) {
        if (n.kind() == PathNode.Kind.END) {
            return n.position() + ":end";
        }
        int code = store.types().codeOfName(n.event());
        long id = store.types().externalId(code);
        return n.position() + ":" + (id == io.voronka.engine.store.EventTypes.NO_ID ? n.event() : Long.toString(id));
    }
}
