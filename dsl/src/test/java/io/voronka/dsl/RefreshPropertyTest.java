package io.voronka.dsl;

import io.voronka.engine.config.DatabaseConfig;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.load.LoadProgress;
import io.voronka.engine.loader.StoreLoader;
import io.voronka.engine.loader.StoreRefresher;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.snapshot.SnapshotProgress;
import io.voronka.engine.snapshot.SnapshotStorage;
import io.voronka.engine.snapshot.Watermark;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.testing.DemoInPostgres;
import io.voronka.engine.testing.PgTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refresh against real PostgreSQL, as a property with fixed seeds: the demo CRM is fed into the source tables in
 * random batches (new and old users, late rows inside the overlap, exact duplicates of earlier rows, rows with a
 * NULL user or time, an empty batch); after every refresh each query of docs/query-language.md answers exactly as
 * a full load of the same tables, and again after the refreshed store is written as a snapshot and reopened.
 */
@Tag("postgres")
class RefreshPropertyTest {
    private static final String CONFIG = """
            timezone: Europe/Moscow
            database: { url: "jdbc:postgresql://unused/x" }
            dictionary: { table: events_dict, id: id, name: name, aliases: [name_en] }
            sources:
              - name: events
                table: events
                user: _user_id
                time: happened_at
                type: { column: event_id }
                dimensions: [utm_source, device, operator_group]
                watermark: happened_at
                late_rows: 2h
              - name: payments
                table: payments
                user: _user_id
                time: transaction_created_at
                type: { constant: pay }
                value: amount
                dimensions: [currency, product]
                filter: "NOT is_gift"
                watermark: transaction_created_at
                late_rows: 2h
              - name: afisha
                table: afisha
                user: uid
                time: at
                type: { column: kind }
                value: revenue
                dimensions: [source_id, device]
                watermark: at
                late_rows: 2h
              - name: calls
                table: calls
                user: uid
                time: at
                type: { column: kind }
                value: duration
                dimensions: [operator, operator_group, department, zodiac, product, status]
                watermark: at
                late_rows: 2h
            costs: { table: costs, time: dt, group: source, value: amount, dimension: utm_source }
            """;
    private static PgTestDatabase db;
    private static VoronkaConfig config;
    private static List<QueryLanguageDocTest.Example> examples;
    private static QueryEngine engine;

    @TempDir
    Path storage;

    @BeforeAll
    static void demoInStaging() throws Exception {
        db = DemoInPostgres.write("refresh_prop", 23, 30_000);
        db.execute("ALTER TABLE events RENAME TO events_all", "ALTER TABLE payments RENAME TO payments_all");
        otherSeeds();
        config = VoronkaConfig.parse(CONFIG, Path.of("refresh.yaml"), name -> null)
                .withDatabase(new DatabaseConfig(db.url(), "", ""));
        examples = QueryLanguageDocTest.examples();
        engine = new QueryEngine(2);
    }

    @AfterAll
    static void close() throws SQLException {
        engine.close();
        db.close();
    }

    /** One source table fed from its staging copy by time windows. */
    private record Feed(String table, String time) {
    }

    private static final List<Feed> FEEDS = List.of(new Feed("events", "happened_at"),
            new Feed("payments", "transaction_created_at"), new Feed("afisha", "at"), new Feed("calls", "at"));

    /**
     * Afisha-like visits and orders (seeds 002/003) and seed 004's calls and sales for the demo's first users, as
     * {@code QueryLanguageDocEvaluationTest} adds them, so that every documented query has its events.
     */
    private static void otherSeeds() throws SQLException {
        db.execute("CREATE TABLE afisha_all (uid bigint, kind text, at timestamp, revenue numeric, source_id text,"
                + " device text)", "CREATE TABLE calls_all (uid bigint, kind text, at timestamp, operator_group text,"
                + " department text, product text, operator text, zodiac text, status text, duration numeric)");
        SplittableRandom r = new SplittableRandom(4);
        LocalDateTime start = DemoCrm.FIRST_DAY.atStartOfDay();
        try (Connection c = db.connect();
             PreparedStatement site = c.prepareStatement("INSERT INTO afisha_all VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement calls = c.prepareStatement(
                     "INSERT INTO calls_all VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (long key = DemoCrm.FIRST_USER_ID; key < DemoCrm.FIRST_USER_ID + 3000; key++) {
                LocalDateTime t = start.plusSeconds(r.nextLong(360L * 86400));
                row(site, key, "visit", t, null, Integer.toString(1 + r.nextInt(10)), r.nextBoolean() ? "desktop"
                        : "touch");
                if (r.nextInt(4) == 0) {
                    row(site, key, "order", t.plusSeconds(r.nextInt(86400 * 30)), 1.0 + r.nextInt(50), null, null);
                }
                calls.setLong(1, key);
                calls.setString(2, "call");
                calls.setTimestamp(3, Timestamp.valueOf(t.plusSeconds(600)));
                calls.setString(4, "group " + r.nextInt(4));
                calls.setString(5, "dept " + r.nextInt(2));
                calls.setString(6, "product " + r.nextInt(3));
                calls.setString(7, "operator " + r.nextInt(12));
                calls.setString(8, ZODIAC[r.nextInt(ZODIAC.length)]);
                calls.setString(9, r.nextInt(3) == 0 ? "success" : r.nextBoolean() ? "no answer" : "refused");
                calls.setDouble(10, 10 + r.nextInt(900));
                calls.addBatch();
                if (r.nextInt(3) == 0) {
                    calls.setLong(1, key);
                    calls.setString(2, "sale");
                    calls.setTimestamp(3, Timestamp.valueOf(t.plusSeconds(1200)));
                    calls.setString(4, null);
                    calls.setString(5, null);
                    calls.setString(6, "product " + r.nextInt(3));
                    calls.setString(7, null);
                    calls.setString(8, null);
                    calls.setString(9, null);
                    calls.setDouble(10, 100 + r.nextInt(5000));
                    calls.addBatch();
                }
            }
            site.executeBatch();
            calls.executeBatch();
        }
    }

    private static final String[] ZODIAC = {"aries", "taurus", "gemini", "cancer", "leo", "virgo", "libra",
            "scorpio", "sagittarius", "capricorn", "aquarius", "pisces"};

    private static void row(PreparedStatement st, long key, String kind, LocalDateTime t, Double revenue,
                            String sourceId, String device) throws SQLException {
        st.setLong(1, key);
        st.setString(2, kind);
        st.setTimestamp(3, Timestamp.valueOf(t));
        if (revenue == null) {
            st.setNull(4, java.sql.Types.NUMERIC);
        } else {
            st.setDouble(4, revenue);
        }
        st.setString(5, sourceId);
        st.setString(6, device);
        st.addBatch();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void refreshedStoreAnswersEveryDocumentedQueryAsAFullLoad(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        String where = "seed " + seed;
        LocalDateTime first;
        LocalDateTime last;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (Feed f : FEEDS) {
                st.execute("DROP TABLE IF EXISTS " + f.table);
                st.execute("CREATE TABLE " + f.table + " (LIKE " + f.table + "_all)");
                st.execute("DROP TABLE IF EXISTS " + f.table + "_late");
                st.execute("CREATE TABLE " + f.table + "_late (LIKE " + f.table + "_all)");
            }
            try (ResultSet rs = st.executeQuery("SELECT min(happened_at), max(happened_at) FROM events_all")) {
                rs.next();
                first = rs.getTimestamp(1).toLocalDateTime();
                last = rs.getTimestamp(2).toLocalDateTime().plusSeconds(1);
            }
        }
        long span = java.time.Duration.between(first, last).getSeconds();
        LocalDateTime cut = first.plusSeconds(span * (3 + random.nextInt(4)) / 10);
        feed(first.minusDays(400), cut, random);

        StoreLoader full = new StoreLoader(config, 2, LoadProgress.NONE);
        StoreRefresher refresher = new StoreRefresher(config, 2, LoadProgress.NONE);
        Snapshot current = full.loadWithWatermarks();
        int batches = 5 + random.nextInt(3);
        int empty = random.nextInt(batches);
        for (int b = 0; b < batches; b++) {
            LocalDateTime next = b == batches - 1 ? last.plusDays(400)
                    : cut.plusSeconds((long) (random.nextDouble() * span / batches));
            if (b == empty) {
                next = cut;
            } else {
                feed(cut, next, random);
            }
            current = refresher.refresh(current);
            String step = where + ", batch " + b + (b == empty ? " (empty)" : "");
            for (Watermark w : current.watermarks()) {
                assertTrue(w.rowsRead() >= w.rowsAdded(), step + ": " + w);
            }
            assertSameAnswers(full.load(), current.store(), step);
            cut = next;
        }
        SnapshotStorage disk = SnapshotStorage.at(storage);
        disk.write(current, "test", SnapshotProgress.NONE);
        Snapshot reopened = disk.open("test", SnapshotProgress.NONE).orElseThrow();
        assertEquals(current.watermarks(), reopened.watermarks(), where);
        assertSameAnswers(full.load(), reopened.store(), where + ", reopened");
        Snapshot refreshedAgain = refresher.refresh(reopened);
        assertEquals(0, refreshedAgain.watermarks().stream().mapToLong(Watermark::rowsAdded).sum(),
                where + ": nothing new after the last batch");
        assertSameAnswers(full.load(), refreshedAgain.store(), where + ", reopened and refreshed");
    }

    /**
     * Moves the staged rows with times in [from, to) into the source tables, except a random few of the last hour,
     * which wait for the next batch (committed late, inside the 2h overlap); adds the rows held back before, exact
     * copies of a few rows already there, and rows with a NULL user and a NULL time.
     */
    private static void feed(LocalDateTime from, LocalDateTime to, SplittableRandom random) throws SQLException {
        double holdBack = 0.1 + random.nextDouble() * 0.4;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (Feed f : FEEDS) {
                String range = f.time + " >= " + literal(from) + " AND " + f.time + " < " + literal(to);
                String lastHour = f.time + " >= " + literal(to.minusHours(1));
                st.execute("INSERT INTO " + f.table + " SELECT * FROM " + f.table + "_late");
                st.execute("DELETE FROM " + f.table + "_late");
                st.execute("INSERT INTO " + f.table + "_late SELECT * FROM " + f.table + "_all WHERE " + range
                        + " AND " + lastHour + " AND random() < " + holdBack);
                st.execute("INSERT INTO " + f.table + " SELECT * FROM " + f.table + "_all WHERE " + range
                        + " EXCEPT ALL SELECT * FROM " + f.table + "_late");
                st.execute("INSERT INTO " + f.table + " SELECT * FROM " + f.table + " ORDER BY " + f.time
                        + " DESC LIMIT " + random.nextInt(8));
                st.execute("INSERT INTO " + f.table + " (" + f.time + ") VALUES (" + literal(to.minusMinutes(5))
                        + ")");
                st.execute("INSERT INTO " + f.table + " (" + (f.table.equals("afisha") || f.table.equals("calls")
                        ? "uid" : "_user_id") + ") VALUES (" + (1 + random.nextInt(1000)) + ")");
            }
            st.execute("SELECT setseed(" + random.nextDouble() + ")");
        }
    }

    private static String literal(LocalDateTime t) {
        return "'" + Timestamp.valueOf(t) + "'::timestamp";
    }

    private static void assertSameAnswers(EventStore expected, EventStore actual, String where) {
        assertEquals(expected.eventCount(), actual.eventCount(), where + ": events");
        assertEquals(expected.userCount(), actual.userCount(), where + ": users");
        Catalog expectedCatalog = catalog(expected);
        Catalog actualCatalog = catalog(actual);
        List<String> differ = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (QueryLanguageDocTest.Example e : examples) {
            String want = outcome(e.query(), expectedCatalog, expected);
            String got = outcome(e.query(), actualCatalog, actual);
            if (!want.equals(got)) {
                differ.add("line " + e.line() + ": " + e.query() + "\n  full load: " + want + "\n  refreshed: " + got);
            } else if (want.startsWith(ERROR)) {
                failed.add("line " + e.line() + ": " + e.query() + ": " + want);
            }
        }
        assertEquals(List.of(), differ, where + ": queries answering differently");
        // the documented queries whose data this test does not hold (e.g. Afisha spend per source_id): a few at most
        assertTrue(failed.size() <= MAX_UNANSWERED, where + ": too many documented queries unanswered here: " + failed);
    }

    private static final String ERROR = "error: ";
    private static final int MAX_UNANSWERED = 3;

    /** The answer rounded as {@link #rounded}, or the error a user would get: both must agree across loads. */
    private static String outcome(String query, Catalog catalog, EventStore store) {
        try {
            return rounded(engine.execute(QueryParser.parse(query, catalog), store));
        } catch (io.voronka.engine.error.VoronkaException e) {
            return ERROR + e.getMessage();
        }
    }

    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile(
            "-?\\d+\\.\\d+(E-?\\d+)?");

    /**
     * The result with every fractional number at 12 significant digits: sums of doubles are added in the order of
     * dense user ids, which a refresh may assign differently from a full load (a user first seen in a late row), so
     * the last bit of a sum may differ; nothing else may.
     */
    private static String rounded(QueryResult result) {
        return DECIMAL.matcher(result.toString()).replaceAll(m -> String.format(java.util.Locale.ROOT, "%.12g",
                Double.parseDouble(m.group())));
    }

    private static Catalog catalog(EventStore store) {
        return new Catalog(store.types(), store.dimensions().stream().map(Dimension::name).toList());
    }
}
