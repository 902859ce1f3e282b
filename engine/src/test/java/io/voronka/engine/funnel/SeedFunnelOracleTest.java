package io.voronka.engine.funnel;

import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Step;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SkipReason;
import io.voronka.engine.testing.DemoInPostgres;
import io.voronka.engine.testing.PgTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance check: over a million generated CRM events written to PostgreSQL and loaded through
 * the shipped {@code config/seed-crm.yaml}, {@code 3 > 4|13 > 7 > pay within 14d} gives the same users per step
 * from the engine, from the reference definition and from SQL run in PostgreSQL on the same rows; and the
 * loaded store holds exactly what the generator put into a store directly.
 */
@Tag("postgres")
class SeedFunnelOracleTest {
    private static final long SEED = 2021;
    private static final long ROWS = 1_100_000;
    private static PgTestDatabase db;
    private static EventStore loaded;

    @BeforeAll
    static void writeAndLoad() throws Exception {
        db = DemoInPostgres.write("seed_oracle", SEED, ROWS);
        loaded = DemoInPostgres.load(db, VoronkaConfig.load(Path.of("../config/seed-crm.yaml")));
    }

    @AfterAll
    static void drop() throws Exception {
        db.close();
    }

    private static FunnelQuery seedFunnel() {
        return FunnelQuery.of(List.of(Step.of(EventRef.ofId(3)), Step.of(EventRef.ofId(4), EventRef.ofId(13)),
                Step.of(EventRef.ofId(7)), Step.of(EventRef.ofName("pay"))));
    }

    @Test
    void engineReferenceAndPostgresAgreeOnTheSeedFunnel() throws Exception {
        assertTrue(loaded.eventCount() >= 1_000_000, "at least a million events, got " + loaded.eventCount());
        FunnelResult engine;
        try (QueryEngine queries = new QueryEngine(2)) {
            engine = (FunnelResult) queries.execute(seedFunnel(), loaded);
        }
        ReferenceFunnel.Answer reference = new ReferenceFunnel(seedFunnel(), loaded.types(), Integer.MIN_VALUE,
                Integer.MAX_VALUE).evaluate(loaded, t -> 0);
        long[] byDepth = reference.byGroup.get("all");
        List<Long> referenceReached = new ArrayList<>();
        for (int j = 1; j <= 4; j++) {
            long n = 0;
            for (int d = j; d <= 4; d++) {
                n += byDepth[d];
            }
            referenceReached.add(n);
        }
        List<Long> sql = postgresFunnel();
        assertEquals(referenceReached, engine.total().reached(), "engine vs reference");
        assertEquals(sql, engine.total().reached(), "engine vs PostgreSQL");
        assertTrue(engine.total().reached().get(3) > 1000, "enough payers to mean something: " + engine.total());
    }

    /**
     * The seed funnel in SQL. Its steps have disjoint types, so one event can never serve two steps and, for a
     * fixed entry, taking the earliest possible event at each step is optimal: a LATERAL chain per request.
     */
    private static List<Long> postgresFunnel() throws Exception {
        String prepare = """
                CREATE TEMP TABLE ev AS
                  SELECT _user_id AS u, event_id AS typ, happened_at AS t FROM events
                  UNION ALL
                  SELECT _user_id, -1, transaction_created_at FROM payments WHERE NOT is_gift;
                CREATE INDEX ON ev (u, typ, t);
                ANALYZE ev;
                """;
        String sql = """
                WITH chains AS (
                  SELECT e1.u, e1.t AS t1, s2.t AS t2, s3.t AS t3, s4.t AS t4
                  FROM ev e1
                  LEFT JOIN LATERAL (SELECT min(t) AS t FROM ev WHERE ev.u = e1.u AND typ IN (4, 13)
                                     AND t >= e1.t AND t <= e1.t + interval '14 days') s2 ON true
                  LEFT JOIN LATERAL (SELECT min(t) AS t FROM ev WHERE ev.u = e1.u AND typ = 7
                                     AND t >= s2.t AND t <= e1.t + interval '14 days') s3 ON true
                  LEFT JOIN LATERAL (SELECT min(t) AS t FROM ev WHERE ev.u = e1.u AND typ = -1
                                     AND t >= s3.t AND t <= e1.t + interval '14 days') s4 ON true
                  WHERE e1.typ = 3
                ), depth AS (
                  SELECT u, max(CASE WHEN t4 IS NOT NULL THEN 4 WHEN t3 IS NOT NULL THEN 3
                                     WHEN t2 IS NOT NULL THEN 2 ELSE 1 END) AS d
                  FROM chains GROUP BY u
                )
                SELECT count(*) FILTER (WHERE d >= 1), count(*) FILTER (WHERE d >= 2),
                       count(*) FILTER (WHERE d >= 3), count(*) FILTER (WHERE d >= 4) FROM depth
                """;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(prepare);
            try (ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    @Test
    void loadingFromPostgresGivesWhatTheGeneratorPutInTheStoreDirectly() {
        EventStore direct = DemoStoreSink.build(SEED, ROWS, 2);
        assertEquals(direct.userCount(), loaded.userCount());
        assertEquals(direct.eventCount(), loaded.eventCount());
        assertEquals(direct.report().get(0).dropped(SkipReason.DUPLICATE),
                loaded.report().get(0).dropped(SkipReason.DUPLICATE), "events duplicates");
        assertTrue(loaded.report().get(0).dropped(SkipReason.DUPLICATE) > 1000);
        Map<String, String> directUsers = userDigests(direct);
        Map<String, String> loadedUsers = userDigests(loaded);
        assertEquals(directUsers, loadedUsers);
    }

    /** Per user key: the time-ordered list of (time, external type name, value). */
    private static Map<String, String> userDigests(EventStore store) {
        Map<String, String> out = new HashMap<>();
        EventTypes types = store.types();
        for (Segment s : store.segments()) {
            for (int u = 0; u < s.userCount(); u++) {
                StringBuilder sb = new StringBuilder();
                for (int p = s.offsets()[u]; p < s.offsets()[u + 1]; p++) {
                    long id = types.externalId(s.types()[p]);
                    sb.append(s.times()[p]).append(':').append(id == EventTypes.NO_ID ? types.name(s.types()[p]) : id);
                    if (s.values() != null && s.values().has(p)) {
                        sb.append('=').append(s.values().get(p, 0));
                    }
                    sb.append(' ');
                }
                out.put(store.users().key(s.firstUser() + u), sb.toString());
            }
        }
        return out;
    }
}
