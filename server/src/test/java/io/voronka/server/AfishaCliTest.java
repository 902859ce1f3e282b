package io.voronka.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voronka.engine.testing.PgTestDatabase;
import io.voronka.engine.testing.SqlMaps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeds 002/003 on the public Afisha orders and costs (shared/data/afisha) through the CLI with the shipped
 * config/afisha.yaml: average check per month, median order value, spend per source and month, 6-month LTV and ROMI
 * per monthly cohort. Expected values are SQL in PostgreSQL over the same two CSV files.
 */
class AfishaCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PgTestDatabase db;
    private static Path config;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        Path data = dataDir();
        String shipped = Files.readString(Path.of("..", "config", "afisha.yaml"));
        config = dir.resolve("afisha.yaml");
        Files.writeString(config, shipped.replace("${VORONKA_DATA:-../data}", data.toAbsolutePath().toString()));
        db = PgTestDatabase.create("afisha_cli");
        db.execute("CREATE TABLE orders (buy_ts timestamp, revenue float8, uid numeric(20))",
                "CREATE TABLE costs (source_id int, dt date, costs float8)");
        try (Connection c = db.connect()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (Reader orders = Files.newBufferedReader(data.resolve("afisha/orders.csv"));
                 Reader costs = Files.newBufferedReader(data.resolve("afisha/costs.csv"))) {
                copy.copyIn("COPY orders FROM STDIN (FORMAT csv, HEADER true)", orders);
                copy.copyIn("COPY costs FROM STDIN (FORMAT csv, HEADER true)", costs);
            }
        }
    }

    @AfterAll
    static void drop() throws Exception {
        db.close();
    }

    private static Path dataDir() {
        String configured = System.getProperty("voronka.data");
        if (configured != null) {
            return Path.of(configured);
        }
        Path beside = Path.of("..", "..", "shared", "data");
        return Files.isDirectory(beside) ? beside : Path.of("/work/shared/data");
    }

    /** Runs {@code voronka query --config afisha.yaml --json QUERY} in-process and parses its answer. */
    private static JsonNode query(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            code = VoronkaCli.run(o, e, "query", "--config", config.toString(), "--json", text);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return JSON.readTree(out.toByteArray());
    }

    /** bucket (or "group/bucket") → value of a series result. */
    private static Map<String, Double> series(JsonNode result, boolean withGroup) {
        Map<String, Double> out = new TreeMap<>();
        for (JsonNode s : result.get("series")) {
            if (withGroup == s.get("name").asText().equals("all")) {
                continue;
            }
            for (int b = 0; b < result.get("buckets").size(); b++) {
                JsonNode v = s.get("values").get(b);
                if (!v.isNull() && v.asDouble() != 0) {
                    out.put((withGroup ? s.get("name").asText() + "/" : "") + result.get("buckets").get(b).asText(),
                            v.asDouble());
                }
            }
        }
        return out;
    }

    private static void assertClose(Map<String, Double> expected, Map<String, Double> actual) {
        SqlMaps.assertClose(expected, actual, 1e-9);
    }

    @Test
    void averageCheckPerMonth() throws Exception {
        JsonNode r = query("avg of value of order per month");
        Map<String, Double> actual = new TreeMap<>();
        for (JsonNode row : r.get("rows")) {
            actual.put(row.get("bucket").asText(), row.get("value").asDouble());
        }
        Map<String, Double> expected = SqlMaps.query(db, "SELECT to_char(buy_ts, 'YYYY-MM'), avg(revenue) FROM orders"
                + " GROUP BY 1");
        assertEquals(13, expected.size(), "June 2017 to June 2018");
        assertClose(expected, actual);
    }

    @Test
    void medianOrderValue() throws Exception {
        JsonNode row = query("median of value of order").get("rows").get(0);
        assertEquals(50_415, row.get("n").asLong());
        double expected = SqlMaps.query(db, "SELECT 'm', percentile_cont(0.5) WITHIN GROUP (ORDER BY revenue)"
                + " FROM orders").get("m");
        assertEquals(expected, row.get("value").asDouble(), 1e-12);
    }

    @Test
    void spendPerSourceAndMonth() throws Exception {
        Map<String, Double> expected = SqlMaps.query(db, "SELECT source_id || '/' || to_char(dt, 'YYYY-MM'),"
                + " sum(costs) FROM costs GROUP BY 1");
        assertEquals(7 * 12, expected.size());
        assertClose(expected, series(query("spend per month by source_id"), true));
        double total = SqlMaps.query(db, "SELECT 'all', sum(costs) FROM costs").get("all");
        assertEquals(329_131.62, total, 0.005, "SOURCE.md's total");
        assertEquals(total, series(query("spend per total"), false).get("total"), 1e-6);
    }

    @Test
    void sixMonthLtvAndRomiPerMonthlyCohort() throws Exception {
        String cohorts = """
                WITH first AS (SELECT uid, date_trunc('month', min(buy_ts)) AS m FROM orders GROUP BY 1),
                size AS (SELECT m, count(*) AS n FROM first GROUP BY 1),
                revenue AS (SELECT f.m, sum(o.revenue) AS r FROM first f JOIN orders o USING (uid)
                            WHERE date_trunc('month', o.buy_ts) < f.m + interval '6 months' GROUP BY 1),
                spend AS (SELECT date_trunc('month', dt) AS m, sum(costs) AS s FROM costs GROUP BY 1),
                complete AS (SELECT m FROM size WHERE m + interval '5 months'
                             <= (SELECT date_trunc('month', max(buy_ts)) FROM orders))
                """;
        Map<String, Double> ltv = SqlMaps.query(db, cohorts + "SELECT to_char(m, 'YYYY-MM'), r / n FROM size"
                + " JOIN revenue USING (m) JOIN complete USING (m)");
        Map<String, Double> romi = SqlMaps.query(db, cohorts + "SELECT to_char(m, 'YYYY-MM'), (r / n) / (s / n)"
                + " FROM size JOIN revenue USING (m) JOIN spend USING (m) JOIN complete USING (m)");
        assertEquals(8, ltv.size(), "cohorts 2017-06 … 2018-01 have six months of data");
        Map<String, Double> actualLtv = new TreeMap<>();
        for (JsonNode cohort : query("ltv of order value order age 6 months").get("cohorts")) {
            JsonNode sixth = cohort.get("values").get(5);
            if (!sixth.isNull()) {
                actualLtv.put(cohort.get("cohort").asText(), sixth.asDouble());
            }
        }
        assertClose(ltv, actualLtv);
        double seedMean = actualLtv.entrySet().stream().filter(e -> e.getKey().compareTo("2017-12") <= 0)
                .mapToDouble(Map.Entry::getValue).average().orElseThrow();
        assertEquals(7.97, seedMean, 0.005, "seed 002: 'average LTV over 6 months after the first purchase: 7.97'"
                + " over the seven cohorts that had six months of data there");
        assertClose(romi, series(query("romi of order per month within 6 months"), false));
        assertTrue(romi.get("2017-09") > 1, "the September cohort paid off within six months");
    }
}
