package io.voronka.engine.metric;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.query.AcquisitionMeasure;
import io.voronka.engine.query.AcquisitionQuery;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.result.Series;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.testing.DemoInPostgres;
import io.voronka.engine.testing.PgTestDatabase;
import io.voronka.engine.testing.SqlMaps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CAC, ROI, ROMI (LTV ÷ CAC in calendar months) and spend per ad source and month: the engine on the loaded demo
 * CRM (with its costs) equals SQL.
 */
@Tag("postgres")
class AcquisitionSqlOracleTest {
    private static PgTestDatabase db;
    private static EventStore store;
    private static QueryEngine engine;

    private static final String CONFIG = """
            timezone: Europe/Moscow
            database: { url: "jdbc:postgresql://replaced/db" }
            dictionary: { table: events_dict, id: id, name: name, aliases: [name_en] }
            sources:
              - { name: events, table: events, user: _user_id, time: happened_at, type: { column: event_id },
                  dimensions: [utm_source] }
              - { name: payments, table: payments, user: _user_id, time: transaction_created_at,
                  type: { constant: pay }, value: amount, filter: "NOT is_gift" }
            costs: { table: costs, time: dt, group: source, value: amount, dimension: utm_source }
            """;

    private static final String CUSTOMERS = """
            WITH touch AS (SELECT DISTINCT ON (_user_id) _user_id AS u, utm_source FROM events
                           WHERE utm_source IS NOT NULL ORDER BY _user_id, happened_at),
            first AS (SELECT _user_id AS u, min(transaction_created_at) AS t FROM payments WHERE NOT is_gift GROUP BY 1),
            cust AS (SELECT coalesce(touch.utm_source, '(none)') AS g, to_char(first.t, 'YYYY-MM') AS m, first.u
                     FROM first LEFT JOIN touch USING (u)),
            spend AS (SELECT source AS g, to_char(dt, 'YYYY-MM') AS m, sum(amount) AS s FROM costs GROUP BY 1, 2)
            """;

    @BeforeAll
    static void load() throws Exception {
        db = DemoInPostgres.write("acquisition_oracle", 31, 200_000);
        store = DemoInPostgres.load(db, VoronkaConfig.parse(CONFIG, Path.of("test.yaml"), name -> null));
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

    private static Map<String, Double> engine(AcquisitionMeasure measure) {
        return series((SeriesResult) engine.execute(new AcquisitionQuery(measure, List.of(EventRef.ofName("pay")),
                Optional.of("utm_source"), Bucket.MONTH, DateRange.all(), 0, 0), store), 1);
    }

    /** "group/bucket" → value of the series from {@code first} on, NaN left out. */
    private static Map<String, Double> series(SeriesResult r, int first) {
        Map<String, Double> out = new TreeMap<>();
        for (Series s : r.series().subList(first, r.series().size())) {
            for (int b = 0; b < r.buckets().size(); b++) {
                double v = s.values().get(b);
                if (!Double.isNaN(v)) {
                    out.put(s.name() + "/" + r.buckets().get(b), v);
                }
            }
        }
        return out;
    }

    private static void assertClose(Map<String, Double> expected, Map<String, Double> actual) {
        SqlMaps.assertClose(expected, actual, 1e-6);
    }

    @Test
    void cacPerSourceAndMonthMatchesPostgres() throws Exception {
        Map<String, Double> expected = sql(CUSTOMERS + """
                , n AS (SELECT g, m, count(*) AS n FROM cust GROUP BY 1, 2)
                SELECT g || '/' || m, coalesce(s, 0) / n FROM n LEFT JOIN spend USING (g, m)
                """);
        assertTrue(expected.size() > 30, "sources × months: " + expected.size());
        assertClose(expected, engine(AcquisitionMeasure.CAC));
    }

    @Test
    void roiPerSourceAndMonthMatchesPostgres() throws Exception {
        Map<String, Double> expected = sql(CUSTOMERS + """
                , rev AS (SELECT cust.g, cust.m, coalesce(sum(p.amount), 0) AS r FROM cust
                          LEFT JOIN payments p ON p._user_id = cust.u AND NOT p.is_gift GROUP BY 1, 2)
                SELECT g || '/' || m, (coalesce(r, 0) - s) / s FROM spend LEFT JOIN rev USING (g, m) WHERE s > 0
                """);
        assertClose(expected, engine(AcquisitionMeasure.ROI));
    }

    @Test
    void romiIsLtvOverCacWithinCalendarMonthsPerCohort() throws Exception {
        Map<String, Double> expected = sql(CUSTOMERS + """
                , c AS (SELECT m, count(*) AS n FROM cust GROUP BY 1)
                , s AS (SELECT m, sum(s) AS s FROM spend GROUP BY 1)
                , r AS (SELECT cust.m, sum(p.amount) AS r FROM cust JOIN payments p ON p._user_id = cust.u
                         AND NOT p.is_gift AND date_trunc('month', p.transaction_created_at)
                             < to_date(cust.m, 'YYYY-MM') + interval '3 months' GROUP BY 1)
                SELECT 'all/' || m, (coalesce(r, 0) / n) / (s / n) FROM c JOIN s USING (m) LEFT JOIN r USING (m)
                WHERE to_date(m, 'YYYY-MM') + interval '2 months' <= date_trunc('month', greatest(
                      (SELECT max(happened_at) FROM events),
                      (SELECT max(transaction_created_at) FROM payments WHERE NOT is_gift)))
                """);
        assertTrue(expected.size() > 6, "complete cohorts: " + expected.size());
        SeriesResult romi = (SeriesResult) engine.execute(new AcquisitionQuery(AcquisitionMeasure.ROMI,
                List.of(EventRef.ofName("pay")), Optional.empty(), Bucket.MONTH, DateRange.all(), 0, 3), store);
        assertEquals(1, romi.series().size(), "all sources together");
        assertClose(expected, series(romi, 0));
    }

    @Test
    void spendAndItsSharePerSourceAndMonthMatchPostgres() throws Exception {
        Map<String, Double> spend = sql("SELECT source || '/' || to_char(dt, 'YYYY-MM'), sum(amount) FROM costs"
                + " GROUP BY 1 HAVING sum(amount) > 0");
        SeriesResult r = (SeriesResult) engine.execute(new AcquisitionQuery(AcquisitionMeasure.SPEND, List.of(),
                Optional.of("utm_source"), Bucket.MONTH, DateRange.all(), 0, 0), store);
        Map<String, Double> actual = series(r, 1);
        actual.values().removeIf(v -> v == 0);
        assertClose(spend, actual);
        Map<String, Double> share = sql("SELECT source || '/' || to_char(dt, 'YYYY-MM'), sum(amount) / sum(sum(amount))"
                + " OVER (PARTITION BY to_char(dt, 'YYYY-MM')) FROM costs GROUP BY source, to_char(dt, 'YYYY-MM')");
        SeriesResult shares = (SeriesResult) engine.execute(new AcquisitionQuery(AcquisitionMeasure.SPEND_SHARE,
                List.of(), Optional.of("utm_source"), Bucket.MONTH, DateRange.all(), 0, 0), store);
        assertClose(share, series(shares, 1));
    }

    @Test
    void inMemoryDemoCarriesTheSameSpendAsItsPostgresTables() throws Exception {
        io.voronka.engine.store.CostTable direct = io.voronka.engine.demo.DemoStoreSink.build(31, 200_000, 2).costs();
        double total = 0;
        for (int row = 0; row < direct.rows(); row++) {
            total += direct.amount(row);
        }
        double sql = sql("SELECT 'all', sum(amount) FROM costs").get("all");
        assertEquals(sql, total, 0.01);
        assertEquals(store.costs().rows(), direct.rows());
    }

    @Test
    void withoutCostsTheErrorSaysWhatToConfigure() {
        VoronkaException e = assertThrows(VoronkaException.class, () -> engine.execute(
                new AcquisitionQuery(AcquisitionMeasure.CAC, List.of(EventRef.ofName("pay")),
                        Optional.of("utm_source"), Bucket.MONTH, DateRange.all(), 0, 0),
                store.withCosts(io.voronka.engine.store.CostTable.EMPTY)));
        assertTrue(e.getMessage().contains("'costs' section"), e.getMessage());
        assertEquals(ErrorKind.USER, e.kind());
    }
}
