package io.voronka.engine.load;

import io.voronka.engine.config.DatabaseConfig;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.loader.StoreLoader;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.testing.PgTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One load reads every table in one snapshot, and waits for a table another session holds only as long as
 * {@code database.lock_timeout}; both against real PostgreSQL with a second session rewriting the tables.
 */
@Tag("postgres")
class PgSnapshotTest {
    private static final String ETL_APPLICATION = "voronka-etl-test";
    private PgTestDatabase db;

    @BeforeEach
    void oldData() throws SQLException {
        db = PgTestDatabase.create("snapshot");
        db.execute("CREATE TABLE events (event_id int, _user_id bigint, happened_at timestamp)",
                "CREATE TABLE payments (_user_id bigint, paid_at timestamp, amount numeric(12,2))",
                "INSERT INTO events VALUES (3, 1, '2024-03-01 10:00'), (3, 2, '2024-03-01 11:00'),"
                        + " (3, 3, '2024-03-01 12:00')",
                "INSERT INTO payments VALUES (1, '2024-03-02 10:00', 100), (2, '2024-03-02 11:00', 200)");
    }

    @AfterEach
    void drop() throws SQLException {
        db.close();
    }

    private VoronkaConfig config(Duration lockTimeout, Duration statementTimeout, String paymentsFilter) {
        String yaml = """
                database: { url: "jdbc:postgresql://replaced-by-the-test/db" }
                sources:
                  - { name: events, table: events, user: _user_id, time: happened_at, type: { column: event_id } }
                  - { name: payments, table: payments, user: _user_id, time: paid_at, type: { constant: pay },
                      value: amount %s }
                """.formatted(paymentsFilter == null ? "" : ", filter: \"" + paymentsFilter + "\"");
        return VoronkaConfig.parse(yaml, Path.of("test.yaml"), name -> null)
                .withDatabase(new DatabaseConfig(db.url(), "", "", lockTimeout, statementTimeout));
    }

    /** The nightly ETL: both tables truncated and filled with the next day's users, in one transaction. */
    private void rewriteBothTables() {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET application_name = '" + ETL_APPLICATION + "'");
            c.setAutoCommit(false);
            st.execute("TRUNCATE events, payments");
            st.execute("INSERT INTO events VALUES (3, 101, '2024-03-03 10:00'), (3, 102, '2024-03-03 11:00')");
            st.execute("INSERT INTO payments VALUES (101, '2024-03-04 10:00', 500)");
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the ETL session is waiting for a lock (the load holds one on its tables). */
    private boolean etlWaitsForALock() {
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ? AND wait_event_type = 'Lock'")) {
            st.setString(1, ETL_APPLICATION);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> users(EventStore store) {
        Set<String> users = new TreeSet<>();
        for (StoreRows r : StoreRows.of(store)) {
            users.add(r.type() + ":" + r.user());
        }
        return users;
    }

    @Test
    void tablesRewrittenByAnotherSessionDuringALoadAreReadAsTheyWereWhenItStarted() throws Exception {
        AtomicReference<CompletableFuture<Void>> etl = new AtomicReference<>();
        LoadProgress rewriteAfterEvents = (source, rows) -> {
            if (source.equals("events") && etl.get() == null) {
                etl.set(CompletableFuture.runAsync(this::rewriteBothTables));
                // let the ETL either finish or block on the load's locks before the load reads payments
                while (!etl.get().isDone() && !etlWaitsForALock()) {
                    pause();
                }
            }
        };
        EventStore during = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> new StoreLoader(config(Duration.ofSeconds(30), Duration.ZERO, null), 1, rewriteAfterEvents)
                        .load());
        etl.get().get();

        assertEquals(Set.of("3:1", "3:2", "3:3", "pay:1", "pay:2"), users(during),
                "the load saw the tables as they were when it started, not old events with new payments");
        EventStore after = new StoreLoader(config(Duration.ofSeconds(30), Duration.ZERO, null), 1, LoadProgress.NONE)
                .load();
        assertEquals(Set.of("3:101", "3:102", "pay:101"), users(after), "the next load sees the ETL's result whole");
    }

    @Test
    void aTableLockedPastTheLockTimeoutFailsTheLoadNamingSourceAndTable() throws Exception {
        try (Connection etl = db.connect(); Statement st = etl.createStatement()) {
            etl.setAutoCommit(false);
            st.execute("LOCK TABLE payments IN ACCESS EXCLUSIVE MODE");
            LoadException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(LoadException.class,
                    () -> new StoreLoader(config(Duration.ofMillis(300), Duration.ZERO, null), 1, LoadProgress.NONE)
                            .load()));
            assertEquals("source 'payments': table 'payments' is locked by another session (a TRUNCATE, ALTER or"
                    + " VACUUM FULL running?); waited database.lock_timeout = 300 ms for it", e.getMessage());
            etl.rollback();
        }
    }

    @Test
    void aReadPastTheStatementTimeoutFailsTheLoadNamingTheSetting() {
        LoadException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(LoadException.class,
                () -> new StoreLoader(config(Duration.ofSeconds(30), Duration.ofMillis(200), "pg_sleep(1) IS NOT NULL"),
                        1, LoadProgress.NONE).load()));
        assertTrue(e.getMessage().startsWith("source 'payments': reading table 'payments' failed: it ran longer than"
                + " database.statement_timeout = 200 ms"), e.getMessage());
    }
}
