package io.voronka.engine.funnel;

import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventFilter;
import io.voronka.engine.query.Exclusion;
import io.voronka.engine.query.FunnelMode;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Step;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.ValueFilter;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.testing.PgTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL as a second oracle: the funnel definition written as a recursive SQL query (chains of distinct
 * events, extended step by step, with the mode's ordering rule, window, per-step limits and exclusions) on the
 * same rows as the store; users per step must match the engine. Step filters become SQL conditions on the
 * event's dimension and value columns.
 */
@Tag("postgres")
class FunnelSqlOracleTest {
    private static PgTestDatabase db;
    private static EventStore store;
    private static ForkJoinPool pool;

    @BeforeAll
    static void load() throws Exception {
        db = PgTestDatabase.create("funnel_oracle");
        store = RandomFunnels.store(424242, 300, 9, Integer.MAX_VALUE, false);
        pool = new ForkJoinPool(2);
        db.execute("CREATE TABLE ev (uid int, eid int, typ int, t int, src text, val double precision)",
                "CREATE TABLE steps (step int, typ int, gap bigint)",
                "CREATE TABLE excl (after_step int, before_step int, typ int)");
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO ev VALUES (?, ?, ?, ?, ?, ?)")) {
            Dimension src = store.dimensions().get(store.dimensionIndex("src").orElseThrow());
            for (Segment s : store.segments()) {
                for (int u = 0; u < s.userCount(); u++) {
                    for (int p = s.offsets()[u]; p < s.offsets()[u + 1]; p++) {
                        ps.setInt(1, s.firstUser() + u);
                        ps.setInt(2, p);
                        ps.setInt(3, s.types()[p]);
                        ps.setInt(4, s.times()[p]);
                        int code = s.dimension(store.dimensionIndex("src").orElseThrow()).get(p);
                        ps.setString(5, code < 0 ? null : src.value(code));
                        if (s.values() != null && s.values().has(p)) {
                            ps.setDouble(6, s.values().get(p, Double.NaN));
                        } else {
                            ps.setNull(6, java.sql.Types.DOUBLE);
                        }
                        ps.addBatch();
                    }
                }
            }
            ps.executeBatch();
        }
        db.execute("CREATE INDEX ON ev (uid, typ, t)", "ANALYZE ev");
    }

    @AfterAll
    static void drop() throws Exception {
        pool.shutdown();
        db.close();
    }

    @Test
    void recursiveSqlAgreesWithEngineInEveryOrderedMode() throws Exception {
        SplittableRandom r = new SplittableRandom(99);
        int nonTrivial = 0;
        for (int i = 0; i < 40; i++) {
            FunnelMode mode = FunnelMode.values()[i % 3];
            int k = 2 + r.nextInt(3);
            FunnelQuery q = FunnelQuery.of(RandomFunnels.steps(r, k, i % 4 == 1))
                    .withWindow(60L * (5 + r.nextInt(200))).withMode(mode);
            if (i % 5 == 2) {
                q = q.withExclusions(List.of(new Exclusion(List.of(RandomFunnels.ref(r)), 1, k)));
            }
            int[] range = RandomFunnels.entryRange(r);
            FunnelResult engine = (FunnelResult) new FunnelEvaluator(pool).evaluate(q, store, range[0], range[1],
                    null, null);
            List<Long> sql = sqlFunnel(q, range);
            assertEquals(sql, engine.total().reached(), "query " + i + ": " + q + " range " + Arrays.toString(range));
            if (sql.get(k - 1) > 0) {
                nonTrivial++;
            }
        }
        assertTrue(nonTrivial >= 10, "the random queries should often convert, only " + nonTrivial + " did");
    }

    @Test
    void recursiveSqlAgreesWithEngineOnFilteredSteps() throws Exception {
        SplittableRandom r = new SplittableRandom(2024);
        int nonTrivial = 0;
        for (int i = 0; i < 30; i++) {
            FunnelMode mode = FunnelMode.values()[i % 3];
            int k = 2 + r.nextInt(3);
            FunnelQuery q = RandomFunnels.withStepFilters(FunnelQuery.of(RandomFunnels.steps(r, k, i % 4 == 1))
                    .withWindow(60L * (5 + r.nextInt(200))).withMode(mode), r);
            int[] range = RandomFunnels.entryRange(r);
            FunnelResult engine = (FunnelResult) new FunnelEvaluator(pool).evaluate(q, store, range[0], range[1],
                    null, null);
            List<Long> sql = sqlFunnel(q, range);
            assertEquals(sql, engine.total().reached(), "query " + i + ": " + q + " range " + Arrays.toString(range));
            if (sql.get(0) > 0 && sql.get(k - 1) > 0) {
                nonTrivial++;
            }
        }
        assertTrue(nonTrivial >= 5, "the filtered funnels should often convert, only " + nonTrivial + " did");
    }

    /** A step's filters as SQL on event {@code e}: no value fails = and in, passes != and not in (as the engine). */
    private static String stepCondition(Step step) {
        StringBuilder sb = new StringBuilder("true");
        for (EventFilter f : step.filters()) {
            if (f instanceof DimensionFilter d) {
                String in = "e.src IN (" + String.join(", ", d.values().stream().map(v -> "'" + v + "'").toList()) + ")";
                sb.append(d.negated() ? " AND (e.src IS NULL OR NOT " + in + ")" : " AND " + in);
            } else {
                ValueFilter v = (ValueFilter) f;
                sb.append(" AND e.val IS NOT NULL AND e.val ").append(v.comparison() == ValueFilter.Comparison.NE
                        ? "<>" : v.comparison().symbol()).append(' ').append(v.number());
            }
        }
        return sb.toString();
    }

    private List<Long> sqlFunnel(FunnelQuery q, int[] range) throws Exception {
        int k = q.steps().size();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE steps; TRUNCATE excl");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO steps VALUES (?, ?, ?)")) {
                for (int s = 0; s < k; s++) {
                    Step step = q.steps().get(s);
                    for (EventRef ref : step.alternatives()) {
                        int code = FunnelPlan.resolve(ref, store.types());
                        if (code >= 0) {
                            ps.setInt(1, s + 1);
                            ps.setInt(2, code);
                            ps.setLong(3, step.hasTimeLimit() ? step.maxSecondsFromPrevious() : Long.MAX_VALUE / 4);
                            ps.addBatch();
                        }
                    }
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO excl VALUES (?, ?, ?)")) {
                for (Exclusion e : q.exclusions()) {
                    for (EventRef ref : e.events()) {
                        int code = FunnelPlan.resolve(ref, store.types());
                        if (code >= 0) {
                            ps.setInt(1, e.afterStep());
                            ps.setInt(2, e.beforeStep());
                            ps.setInt(3, code);
                            ps.addBatch();
                        }
                    }
                }
                ps.executeBatch();
            }
            String order = switch (q.mode()) {
                case STRICT_INCREASING -> "e.t > c.times[c.step]";
                case STRICT_ORDER -> "e.t >= c.times[c.step] AND NOT EXISTS (SELECT 1 FROM ev o WHERE o.uid = c.uid"
                        + " AND o.t > c.times[c.step] AND o.t < e.t)";
                default -> "e.t >= c.times[c.step]";
            };
            StringBuilder filters = new StringBuilder("CASE c.step + 1");
            for (int s = 1; s < k; s++) {
                filters.append(" WHEN ").append(s + 1).append(" THEN ").append(stepCondition(q.steps().get(s)));
            }
            filters.append(" ELSE true END");
            String sql = """
                    WITH RECURSIVE chain(uid, step, times, used) AS (
                      SELECT DISTINCT e.uid, 1, ARRAY[e.t], ARRAY[e.eid]
                      FROM ev e JOIN steps s ON s.step = 1 AND s.typ = e.typ
                      WHERE e.t >= %d AND e.t < %d AND %s
                      UNION
                      SELECT c.uid, c.step + 1, c.times || e.t, c.used || e.eid
                      FROM chain c
                      JOIN steps s ON s.step = c.step + 1
                      JOIN ev e ON e.uid = c.uid AND e.typ = s.typ
                      WHERE %s
                        AND (%s)
                        AND e.t::bigint - c.times[1] <= %d
                        AND e.t::bigint - c.times[c.step] <= s.gap
                        AND NOT (e.eid = ANY (c.used))
                        AND NOT EXISTS (SELECT 1 FROM excl x JOIN ev o ON o.uid = c.uid AND o.typ = x.typ
                                        WHERE x.before_step = c.step + 1
                                          AND o.t > c.times[x.after_step] AND o.t < e.t)
                    )
                    SELECT depth, count(*) FROM (SELECT uid, max(step) AS depth FROM chain GROUP BY uid) d
                    GROUP BY depth
                    """.formatted(range[0], range[1], stepCondition(q.steps().get(0)), order, filters,
                    q.windowSeconds());
            long[] byDepth = new long[k + 1];
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    byDepth[rs.getInt(1)] = rs.getLong(2);
                }
            }
            List<Long> reached = new ArrayList<>();
            for (int j = 1; j <= k; j++) {
                long n = 0;
                for (int d = j; d <= k; d++) {
                    n += byDepth[d];
                }
                reached.add(n);
            }
            return reached;
        }
    }
}
