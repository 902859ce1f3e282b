package io.voronka.engine.metric;

import io.voronka.engine.demo.DemoCallCentre;
import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.GroupBy;
import io.voronka.engine.query.GroupPart;
import io.voronka.engine.query.RateQuery;
import io.voronka.engine.query.ValueQuery;
import io.voronka.engine.query.ValueStatistic;
import io.voronka.engine.result.GroupFamily;
import io.voronka.engine.result.RateResult;
import io.voronka.engine.result.RateRow;
import io.voronka.engine.result.ValueResult;
import io.voronka.engine.result.ValueRow;
import io.voronka.engine.stats.BoxSummary;
import io.voronka.engine.stats.GroupComparison;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;
import io.voronka.engine.testing.CallCentreInPostgres;
import io.voronka.engine.testing.PgTestDatabase;
import io.voronka.engine.testing.SqlMaps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 004's rates and value statistics on the demo call centre: the engine's counts, rates and statistics equal
 * SQL in PostgreSQL over the same rows (the attribution of sales to calls written as a correlated subquery), and the
 * significance columns equal the statistics of the SQL counts.
 */
class RateAndValueSqlOracleTest {
    private static final DemoCallCentre CENTRE = new DemoCallCentre(4, 4000);
    private static final List<EventRef> CALL = List.of(EventRef.ofName("call"));
    private static final List<EventRef> SALE = List.of(EventRef.ofName("sale"));
    private static final List<DimensionFilter> SUCCESS = List.of(new DimensionFilter("status", List.of("success"),
            false));
    private static PgTestDatabase db;
    private static EventStore store;
    private static QueryEngine engine;

    @BeforeAll
    static void load() throws Exception {
        db = PgTestDatabase.create("rates_oracle");
        CallCentreInPostgres.write(db, CENTRE);
        StoreBuilder builder = new StoreBuilder(UserKeyKind.INT64, DemoCrm.ZONE);
        CENTRE.addTo(builder);
        store = builder.build(2);
        engine = new QueryEngine(2);
    }

    @AfterAll
    static void drop() throws Exception {
        engine.close();
        db.close();
    }

    private static GroupBy by(String... dimensions) {
        return new GroupBy(java.util.Arrays.stream(dimensions).map(GroupPart.Dimension::new)
                .map(GroupPart.class::cast).toList(), 0, 0);
    }

    private static RateResult rate(List<EventRef> numerator, List<DimensionFilter> filters, GroupBy groupBy,
                                   Bucket bucket) {
        return (RateResult) engine.execute(new RateQuery(numerator, filters, CALL, List.of(), groupBy, bucket,
                DateRange.all(), 0), store);
    }

    /** "group|denominator|converted" per group row (all buckets). */
    private static Map<String, String> counts(RateResult r) {
        Map<String, String> out = new TreeMap<>();
        for (RateRow row : r.rows()) {
            if (!row.group().equals(List.of("all"))) {
                String key = (r.buckets().size() > 1 ? row.bucket() + " " : "") + String.join("/", row.group());
                out.put(key, row.denominator() + "|" + row.converted());
            }
        }
        return out;
    }

    private static Map<String, String> sqlCounts(String sql) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2) + "|" + rs.getLong(3));
            }
        }
        return out;
    }

    @Test
    void successfulCallsPerCallByDepartmentAreRowLevelShares() throws Exception {
        RateResult r = rate(CALL, SUCCESS, by("department"), Bucket.TOTAL);
        assertEquals(sqlCounts("SELECT department, count(*), count(*) FILTER (WHERE status = 'success') FROM calls"
                + " GROUP BY 1"), counts(r));
        RateRow all = r.rows().get(0);
        assertEquals(List.of("all"), all.group());
        assertEquals(SqlMaps.query(db, "SELECT 'all', count(*) FROM calls").get("all"), all.denominator(), 0);
        assertEquals(all.converted(), all.numeratorEvents(), "a row is its own numerator event");
    }

    @Test
    void salesPerCallAreAttributedToTheLatestCallAtOrBeforeThem() throws Exception {
        RateResult r = rate(SALE, List.of(), by("operator_group"), Bucket.TOTAL);
        Map<String, String> expected = sqlCounts("WITH attributed AS (SELECT (SELECT c.id FROM calls c"
                + " WHERE c.client = s.client AND c.at <= s.at ORDER BY c.at DESC, c.id DESC LIMIT 1) AS call"
                + " FROM sales s)"
                + " SELECT operator_group, count(*), count(*) FILTER (WHERE id IN (SELECT call FROM attributed))"
                + " FROM calls GROUP BY 1");
        assertEquals(expected, counts(r));
        long sales = SqlMaps.query(db, "SELECT 'n', count(*) FROM sales").get("n").longValue();
        long unattributed = SqlMaps.query(db, "SELECT 'n', count(*) FROM sales s WHERE NOT EXISTS (SELECT 1 FROM calls c"
                + " WHERE c.client = s.client AND c.at <= s.at)").get("n").longValue();
        assertEquals(unattributed, r.unattributed());
        assertEquals(sales - unattributed, r.rows().get(0).numeratorEvents());
        assertTrue(r.rows().get(0).converted() > 100, "the demo sells");
    }

    @Test
    void ratesByWeekdayAndHourUseTheLocalTimeOfTheCall() throws Exception {
        RateResult weekday = (RateResult) engine.execute(new RateQuery(CALL, SUCCESS, CALL, List.of(),
                new GroupBy(List.of(new GroupPart.Calendar(Bucket.WEEKDAY)), 0, 0), Bucket.TOTAL, DateRange.all(), 0),
                store);
        assertEquals(sqlCounts("SELECT to_char(at, 'Dy'), count(*), count(*) FILTER (WHERE status = 'success')"
                + " FROM calls GROUP BY 1"), counts(weekday));
        RateResult hour = (RateResult) engine.execute(new RateQuery(CALL, SUCCESS, CALL, List.of(),
                new GroupBy(List.of(new GroupPart.Calendar(Bucket.HOUR_OF_DAY)), 0, 0), Bucket.TOTAL,
                DateRange.all(), 0), store);
        assertEquals(sqlCounts("SELECT to_char(at, 'HH24'), count(*), count(*) FILTER (WHERE status = 'success')"
                + " FROM calls GROUP BY 1"), counts(hour));
    }

    @Test
    void twoLevelBreakdownPerMonthMatchesPostgres() throws Exception {
        RateResult r = rate(CALL, SUCCESS, by("department", "operator_group"), Bucket.MONTH);
        assertEquals(sqlCounts("SELECT to_char(at, 'YYYY-MM') || ' ' || department || '/' || operator_group,"
                + " count(*), count(*) FILTER (WHERE status = 'success') FROM calls GROUP BY 1"), counts(r));
        GroupFamily first = r.families().get(0);
        assertEquals(1, first.parent().size(), "groups are compared within their department");
    }

    @Test
    void significanceColumnsAreTheStatisticsOfTheCounts() {
        RateResult r = rate(CALL, SUCCESS, by("operator_group"), Bucket.TOTAL);
        List<RateRow> groups = r.rows().subList(1, r.rows().size());
        long[] x = groups.stream().mapToLong(RateRow::converted).toArray();
        long[] n = groups.stream().mapToLong(RateRow::denominator).toArray();
        GroupComparison expected = GroupComparison.of(x, n);
        for (int i = 0; i < groups.size(); i++) {
            assertEquals(expected.intervals()[i].low(), groups.get(i).low(), 1e-12);
            assertEquals(expected.adjusted()[i], groups.get(i).adjustedP(), 1e-12);
        }
        assertEquals(expected.independence().pValue(), r.families().get(0).pValue(), 1e-12);
        assertTrue(groups.stream().anyMatch(RateRow::significant), "the demo's groups differ in skill");
    }

    @Test
    void topOperatorPerDepartmentWithAMinimumGroupSize() throws Exception {
        RateResult r = (RateResult) engine.execute(new RateQuery(CALL, SUCCESS, CALL, List.of(),
                new GroupBy(List.of(new GroupPart.Dimension("department"), new GroupPart.Dimension("operator")), 1,
                        300), Bucket.TOTAL, DateRange.all(), 0), store);
        Map<String, String> best = new TreeMap<>();
        for (RateRow row : r.rows().subList(1, r.rows().size())) {
            assertTrue(row.denominator() >= 300);
            assertTrue(best.put(row.group().get(0), row.group().get(1)) == null, "one operator per department");
        }
        Map<String, String> expected = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT DISTINCT ON (department) department, operator FROM calls GROUP BY 1, 2 HAVING count(*) >= 300"
                        + " ORDER BY department, avg((status = 'success')::int) DESC, operator")) {
            while (rs.next()) {
                expected.put(rs.getString(1), rs.getString(2));
            }
        }
        assertEquals(expected, best);
    }

    @Test
    void valueStatisticsOfSuccessfulCallsMatchPostgres() throws Exception {
        Map<ValueStatistic, String> sql = Map.of(ValueStatistic.AVERAGE, "avg(duration)",
                ValueStatistic.MEDIAN, "percentile_cont(0.5) WITHIN GROUP (ORDER BY duration)",
                ValueStatistic.PERCENTILE, "percentile_cont(0.9) WITHIN GROUP (ORDER BY duration)",
                ValueStatistic.MIN, "min(duration)", ValueStatistic.MAX, "max(duration)",
                ValueStatistic.SUM, "sum(duration)");
        for (Map.Entry<ValueStatistic, String> e : sql.entrySet()) {
            ValueResult v = (ValueResult) engine.execute(new ValueQuery(e.getKey(), 90, CALL, SUCCESS,
                    by("department"), Bucket.TOTAL, DateRange.all()), store);
            Map<String, Double> expected = SqlMaps.query(db, "SELECT department, " + e.getValue()
                    + " FROM calls WHERE status = 'success' GROUP BY 1");
            Map<String, Double> actual = new TreeMap<>();
            for (ValueRow row : v.rows().subList(1, v.rows().size())) {
                actual.put(row.group().get(0), row.value());
            }
            assertEquals(expected.keySet(), actual.keySet());
            for (String k : expected.keySet()) {
                assertEquals(expected.get(k), actual.get(k), Math.abs(expected.get(k)) * 1e-9, e.getKey() + " " + k);
            }
        }
    }

    @Test
    void distributionOfDurationBySuccessHasPostgresQuartilesAndAMannWhitneyTest() throws Exception {
        ValueResult v = (ValueResult) engine.execute(new ValueQuery(ValueStatistic.DISTRIBUTION, 0, CALL,
                List.of(new DimensionFilter("status", List.of("success", "refused"), false)), by("status"),
                Bucket.TOTAL, DateRange.all()), store);
        assertEquals(3, v.rows().size());
        for (ValueRow row : v.rows().subList(1, 3)) {
            String status = row.group().get(0);
            String where = " FROM calls WHERE status = '" + status + "'";
            String q = "percentile_cont(%s) WITHIN GROUP (ORDER BY duration)";
            Map<String, Double> box = SqlMaps.query(db, "SELECT 'q1', " + q.formatted("0.25") + where
                    + " UNION ALL SELECT 'q3', " + q.formatted("0.75") + where
                    + " UNION ALL SELECT 'median', " + q.formatted("0.5") + where
                    + " UNION ALL SELECT 'n', count(*)" + where);
            BoxSummary b = row.box();
            assertEquals(box.get("q1"), b.q1(), 1e-9);
            assertEquals(box.get("median"), b.median(), 1e-9);
            assertEquals(box.get("q3"), b.q3(), 1e-9);
            assertEquals(box.get("n").longValue(), b.n());
            double low = b.q1() - 1.5 * (b.q3() - b.q1());
            double high = b.q3() + 1.5 * (b.q3() - b.q1());
            Map<String, Double> fences = SqlMaps.query(db, "SELECT 'lw', min(duration)" + where + " AND duration >= "
                    + low + " UNION ALL SELECT 'uw', max(duration)" + where + " AND duration <= " + high
                    + " UNION ALL SELECT 'out', count(*)" + where + " AND (duration < " + low + " OR duration > " + high
                    + ")");
            assertEquals(fences.get("lw"), b.lowerWhisker());
            assertEquals(fences.get("uw"), b.upperWhisker());
            assertEquals(fences.get("out").longValue(), b.outliers());
        }
        assertEquals(1, v.tests().size());
        assertTrue(v.tests().get(0).test().pValue() < 1e-6, "successful calls are longer in the demo");
    }
}
