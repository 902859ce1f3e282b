package io.voronka.engine.load;

import io.voronka.engine.config.DatabaseConfig;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.loader.StoreLoader;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.SkipReason;
import io.voronka.engine.store.SourceReport;
import io.voronka.engine.testing.PgTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("postgres")
class PgLoaderTest {
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final List<String> NO_CURRENCY = Collections.singletonList(null);
    private static PgTestDatabase db;

    @BeforeAll
    static void seedSchema() throws SQLException {
        db = PgTestDatabase.create("loader");
        db.execute(
                "CREATE TABLE events (event_id int, _user_id bigint, happened_at timestamp)",
                "CREATE TABLE events_dict (id int, name text, name_en text)",
                "CREATE TABLE payments (transaction_created_at timestamp, transaction_id bigint, currency text,"
                        + " _user_id bigint, amount numeric(12,2), is_gift boolean)",
                "INSERT INTO events_dict VALUES (3, 'Заявка создана', 'request created'),"
                        + " (4, 'Звонок первой линии', 'first-line call'), (7, 'Вводный урок', 'intro lesson')",
                "INSERT INTO events VALUES"
                        + " (3, 1, '2024-03-01 10:00:00'), (4, 1, '2024-03-01 10:05:00.999'),"
                        + " (7, 1, '2024-03-02 12:00:00'),"
                        + " (3, 2, '2024-03-01 11:00:00'), (3, 2, '2024-03-01 11:00:00'), (3, 2, '2024-03-01 11:00:00'),"
                        + " (13, 2, '2024-03-01 11:30:00'),"
                        + " (3, NULL, '2024-03-01 09:00:00'), (4, 3, NULL), (NULL, 3, '2024-03-01 09:00:00'),"
                        + " (3, 3, '2024-03-03 08:00:00')",
                "INSERT INTO payments VALUES"
                        + " ('2024-03-02 13:00:00', 100, 'RUB', 1, 12345.67, false),"
                        + " ('2024-03-02 13:00:00', 101, 'USD', 1, 0.10, false),"
                        + " ('2024-03-02 14:00:00', 102, 'RUB', 2, 999.99, true),"
                        + " ('2024-03-04 15:00:00', 103, NULL, 3, 0.01, false)");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        db.close();
    }

    private static VoronkaConfig seedConfig() {
        return VoronkaConfig.load(Path.of("../config/seed-crm.yaml"))
                .withDatabase(new DatabaseConfig(db.url(), "", ""));
    }

    private static VoronkaConfig config(String yaml) {
        String withDatabase = "database: { url: \"jdbc:postgresql://replaced-by-the-test/db\" }\n" + yaml;
        return VoronkaConfig.parse(withDatabase, Path.of("test.yaml"), name -> null)
                .withDatabase(new DatabaseConfig(db.url(), "", ""));
    }

    private static long moscow(String localDateTime) {
        return LocalDateTime.parse(localDateTime.replace(' ', 'T')).atZone(MOSCOW).toEpochSecond();
    }

    @Test
    void seedSchemaLoadsThroughTheShippedConfig() {
        Map<String, Long> progress = new ConcurrentHashMap<>();
        EventStore store = new StoreLoader(seedConfig(), 2, progress::put).load();

        SourceReport events = store.report().get(0);
        assertEquals("events", events.source());
        assertEquals(11, events.read());
        assertEquals(6, events.kept());
        assertEquals(2, events.dropped(SkipReason.DUPLICATE), "two extra copies of user 2's request");
        assertEquals(1, events.dropped(SkipReason.NULL_USER));
        assertEquals(1, events.dropped(SkipReason.NULL_TIME));
        assertEquals(1, events.dropped(SkipReason.NULL_TYPE));
        SourceReport payments = store.report().get(1);
        assertEquals(3, payments.read(), "the gift is filtered out in SQL");
        assertEquals(3, payments.kept());
        assertEquals(Map.of("events", 11L, "payments", 3L), progress);

        List<StoreRows> rows = StoreRows.of(store);
        assertEquals(9, store.eventCount());
        assertEquals(3, store.userCount(), "the NULL-user row adds no user");
        assertTrue(rows.contains(new StoreRows("1", "Заявка создана", moscow("2024-03-01 10:00:00"), null,
                NO_CURRENCY)), rows::toString);
        assertTrue(rows.contains(new StoreRows("1", "Звонок первой линии", moscow("2024-03-01 10:05:00"), null,
                NO_CURRENCY)), "fraction of a second truncated: " + rows);
        assertTrue(rows.contains(new StoreRows("2", "13", moscow("2024-03-01 11:30:00"), null,
                NO_CURRENCY)), "an id missing from the dictionary is named by its number: " + rows);
        assertTrue(rows.contains(new StoreRows("1", "pay", moscow("2024-03-02 13:00:00"), 12345.67, List.of("RUB"))));
        assertTrue(rows.contains(new StoreRows("1", "pay", moscow("2024-03-02 13:00:00"), 0.10, List.of("USD"))));
        assertTrue(rows.contains(new StoreRows("3", "pay", moscow("2024-03-04 15:00:00"), 0.01,
                NO_CURRENCY)));
        assertEquals(List.of("request created"), store.types().aliases(store.types().codeOfId(3)));
        assertEquals(store.types().codeOfId(7), store.types().codeOfName("intro lesson"));
    }

    @Test
    void dedupeFalseKeepsExactDuplicates() {
        EventStore store = new StoreLoader(config("""
                sources:
                  - { name: events, table: events, user: _user_id, time: happened_at, type: { column: event_id },
                      dedupe: false }
                """), 1, LoadProgress.NONE).load();
        SourceReport events = store.report().get(0);
        assertEquals(8, events.kept());
        assertEquals(0, events.dropped(SkipReason.DUPLICATE));
    }

    @Test
    void keyKindsTimeKindsAndTextTypes() throws SQLException {
        db.execute("CREATE TABLE kinds (uid_num numeric(20,0), uid_uuid uuid, uid_text varchar(20), kind text,"
                        + " at_tz timestamptz, at_local timestamp, on_day date, amount float8, flag boolean)",
                "INSERT INTO kinds VALUES"
                        + " (18446744073709551615, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 'u-1', 'signup',"
                        + "  '2024-06-01 00:00:00+00', '2024-06-01 03:00:00', '2024-06-01', 1.5, true),"
                        + " (10329302124590727494, NULL, 'u-2', 'order',"
                        + "  '2024-01-01 12:00:00.75+03', '2024-01-01 12:00:00', '2024-01-01', NULL, false),"
                        + " (-5, NULL, 'u-3', 'order', '2024-01-01 12:00:00+03', NULL, NULL, NULL, NULL)");
        EventStore unsigned = new StoreLoader(config("""
                timezone: Europe/Moscow
                users: { key: uint64 }
                sources:
                  - { name: tz, table: kinds, user: uid_num, time: at_tz, type: { column: kind }, value: amount,
                      dimensions: [flag] }
                """), 1, LoadProgress.NONE).load();
        List<StoreRows> rows = StoreRows.of(unsigned);
        assertEquals(List.of(
                new StoreRows("18446744073709551615", "signup", moscow("2024-06-01 03:00:00"), 1.5, List.of("true")),
                new StoreRows("10329302124590727494", "order", moscow("2024-01-01 12:00:00"), null, List.of("false"))),
                rows);
        assertEquals(1, unsigned.report().get(0).dropped(SkipReason.BAD_USER_KEY), "-5 is no uint64");

        EventStore uuid = new StoreLoader(config("""
                timezone: Europe/Moscow
                users: { key: uuid }
                sources:
                  - { name: local, table: kinds, user: uid_uuid, time: at_local, type: { constant: visit } }
                """), 1, LoadProgress.NONE).load();
        assertEquals(List.of(new StoreRows("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "visit",
                moscow("2024-06-01 03:00:00"), null, List.of())), StoreRows.of(uuid));
        assertEquals(2, uuid.report().get(0).dropped(SkipReason.NULL_USER));

        EventStore text = new StoreLoader(config("""
                timezone: Europe/Moscow
                users: { key: text }
                sources:
                  - { name: days, table: kinds, user: uid_text, time: on_day, type: { constant: day } }
                """), 1, LoadProgress.NONE).load();
        List<String> texts = new ArrayList<>();
        for (StoreRows r : StoreRows.of(text)) {
            texts.add(r.user() + "@" + r.epochSecond());
        }
        assertEquals(List.of("u-1@" + moscow("2024-06-01 00:00:00"), "u-2@" + moscow("2024-01-01 00:00:00")), texts);
        assertEquals(1, text.report().get(0).dropped(SkipReason.NULL_TIME));
    }

    @Test
    void rowsApartByLessThanASecondAreNotDuplicatesInEitherTimestampKind() throws SQLException {
        db.execute("CREATE TABLE sub (u bigint, at_tz timestamptz, at_local timestamp)",
                "INSERT INTO sub VALUES (1, '2024-03-01 10:00:00.1+00', '2024-03-01 10:00:00.1'),"
                        + " (1, '2024-03-01 10:00:00.9+00', '2024-03-01 10:00:00.9'),"        // 0.8 s later
                        + " (1, '2024-03-01 10:00:00.1+00', '2024-03-01 10:00:00.1'),"        // exact duplicate
                        + " (1, '2024-03-01 10:00:00.000001+00', '2024-03-01 10:00:00.000001')," // 1 µs past
                        + " (1, '2024-03-01 10:00:00+00', '2024-03-01 10:00:00')");
        for (String column : List.of("at_tz", "at_local")) {
            EventStore store = new StoreLoader(config("""
                    sources: [ { name: sub, table: sub, user: u, time: %s, type: { constant: visit } } ]
                    """.formatted(column)), 1, LoadProgress.NONE).load();
            SourceReport sub = store.report().get(0);
            assertEquals(1, sub.dropped(SkipReason.DUPLICATE), column);
            assertEquals(4, sub.kept(), column + ": .1, .9, .000001 and .0 are four events");
            long second = LocalDateTime.of(2024, 3, 1, 10, 0).atZone(ZoneId.of("UTC")).toEpochSecond();
            assertEquals(Collections.nCopies(4, new StoreRows("1", "visit", second, null, List.of())),
                    StoreRows.of(store), column + ": kept in whole seconds");
        }
    }

    @Test
    void moreEventTypesThanAStoreHoldsNameTheSourceAndTheColumn() throws SQLException {
        db.execute("CREATE TABLE sessions (session_id bigint, u bigint, at timestamp)",
                "INSERT INTO sessions SELECT g, 1, '2024-03-01' FROM generate_series(1, 33000) g");
        LoadException e = assertThrows(LoadException.class, () -> new StoreLoader(config("""
                sources: [ { name: visits, table: sessions, user: u, time: at, type: { column: session_id } } ]
                """), 1, LoadProgress.NONE).load());
        assertEquals("source 'visits': type column 'session_id' brings more than 32,767 distinct event types, the"
                + " most a store holds; is it the right column (an event id or name, not a session or row id)?",
                e.getMessage());
    }

    @Test
    void keysWrittenDifferentlyByTheirColumnTypesAreOneUserAndFractionsAreCounted() throws SQLException {
        db.execute("CREATE TABLE k_requests (uid char(8), at timestamp, ev int)",
                "CREATE TABLE k_payments (uid numeric(12,2), at timestamp)",
                "CREATE TABLE k_calls (uid bigint, at timestamp)",
                "INSERT INTO k_requests VALUES ('100', '2024-03-01 10:00', 3), (' 200 ', '2024-03-01 11:00', 3)",
                "INSERT INTO k_payments VALUES (100.00, '2024-03-02 10:00'), (200.50, '2024-03-02 11:00'),"
                        + " (200, '2024-03-02 12:00')",
                "INSERT INTO k_calls VALUES (100, '2024-03-01 10:30')");
        String sources = """
                sources:
                  - { name: requests, table: k_requests, user: uid, time: at, type: { column: ev } }
                  - { name: payments, table: k_payments, user: uid, time: at, type: { constant: pay } }
                  - { name: calls, table: k_calls, user: uid, time: at, type: { constant: call } }
                """;
        for (String key : List.of("text", "int64")) {
            EventStore store = new StoreLoader(config("users: { key: " + key + " }\n" + sources), 1,
                    LoadProgress.NONE).load();
            List<String> users = new ArrayList<>();
            for (StoreRows r : StoreRows.of(store)) {
                users.add(r.type() + ":" + r.user());
            }
            assertEquals(List.of("3:100", "call:100", "pay:100", "3:200", "pay:200"), users, key);
            SourceReport payments = store.report().get(1);
            assertEquals(1, payments.dropped(SkipReason.FRACTIONAL_USER_KEY), key + ": 200.50 is no key");
            assertEquals(2, payments.users(), key);
            assertEquals(0, payments.unmatchedUsers(), key);
            assertEquals(0, store.report().get(0).unmatchedUsers(), key);
            assertTrue(store.report().stream().allMatch(r -> r.warning().isEmpty()), key);
        }
    }

    @Test
    void aSourceWhoseKeysMatchNoOtherSourceIsWarnedAbout() throws SQLException {
        db.execute("CREATE TABLE w_requests (uid text, at timestamp)",
                "CREATE TABLE w_payments (uid bigint, at timestamp)",
                "INSERT INTO w_requests SELECT 'client-' || g, '2024-03-01' FROM generate_series(1, 300) g",
                "INSERT INTO w_payments SELECT g, '2024-03-02' FROM generate_series(1, 40) g");
        EventStore store = new StoreLoader(config("""
                users: { key: text }
                sources:
                  - { name: requests, table: w_requests, user: uid, time: at, type: { constant: request } }
                  - { name: payments, table: w_payments, user: uid, time: at, type: { constant: pay } }
                """), 1, LoadProgress.NONE).load();
        SourceReport payments = store.report().get(1);
        assertEquals(40, payments.unmatchedUsers());
        assertEquals("40 of its 40 users (100%) match no other source's user keys; check that the user columns hold"
                + " the same keys (docs/configuration.md, 'User keys')", payments.warning().orElseThrow());
        assertTrue(payments.summary().endsWith("; WARNING: " + payments.warning().orElseThrow()), payments.summary());
    }

    @Test
    void missingTableIsNamedWithItsSource() {
        LoadException e = assertThrows(LoadException.class, () -> new StoreLoader(config("""
                sources: [ { name: ev, table: eventz, user: _user_id, time: happened_at, type: { column: event_id } } ]
                """), 1, LoadProgress.NONE).load());
        assertEquals("source 'ev': table 'eventz' does not exist", e.getMessage());
    }

    @Test
    void missingColumnIsNamedWithItsRoleAndTheTableColumns() {
        LoadException e = assertThrows(LoadException.class, () -> new StoreLoader(config("""
                sources: [ { name: ev, table: events, user: _user_id, time: happend_at, type: { column: event_id } } ]
                """), 1, LoadProgress.NONE).load());
        assertEquals("source 'ev': time column 'happend_at' does not exist in table events"
                + " (columns: event_id, _user_id, happened_at)", e.getMessage());
    }

    @Test
    void wrongColumnTypeIsNamed() {
        LoadException e = assertThrows(LoadException.class, () -> new StoreLoader(config("""
                sources: [ { name: pay, table: payments, user: _user_id, time: currency, type: { constant: pay } } ]
                """), 1, LoadProgress.NONE).load());
        assertEquals("source 'pay': time column 'currency' has type text; expected timestamp, timestamptz, date",
                e.getMessage());
    }

    @Test
    void invalidFilterIsNamed() {
        LoadException e = assertThrows(LoadException.class, () -> new StoreLoader(config("""
                sources: [ { name: pay, table: payments, user: _user_id, time: transaction_created_at,
                             type: { constant: pay }, filter: "NOT is_gft" } ]
                """), 1, LoadProgress.NONE).load());
        assertEquals("source 'pay': filter 'NOT is_gft' is invalid: column \"is_gft\" does not exist", e.getMessage());
    }

    @Test
    void unreachableDatabaseIsOneLineWithHostAndPort() {
        VoronkaConfig config = config("""
                sources: [ { name: ev, table: events, user: _user_id, time: happened_at, type: { column: event_id } } ]
                """).withDatabase(new DatabaseConfig("jdbc:postgresql://127.0.0.1:1/crm", "postgres", ""));
        LoadException e = assertThrows(LoadException.class, () -> new StoreLoader(config, 1, LoadProgress.NONE).load());
        assertTrue(e.getMessage().startsWith("cannot connect to PostgreSQL at 127.0.0.1:1 (database crm): "),
                e.getMessage());
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
