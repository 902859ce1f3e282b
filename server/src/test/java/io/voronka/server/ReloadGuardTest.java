package io.voronka.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.testing.PgTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reload never replaces good data with an emptied or half-written table: the new store is refused when it lost
 * more than {@code reload.max_shrink}, the old one keeps serving, {@code force} accepts it. Real PostgreSQL.
 */
@Tag("postgres")
class ReloadGuardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private PgTestDatabase db;
    private QueryService queries;
    private HttpApi api;
    private String base;

    @BeforeEach
    void serveTwoSources(@TempDir Path dir) throws Exception {
        db = PgTestDatabase.create("reload_guard");
        db.execute("CREATE TABLE events (event_id int, _user_id bigint, happened_at timestamp)",
                "CREATE TABLE payments (_user_id bigint, paid_at timestamp, amount numeric(12,2))",
                "INSERT INTO events SELECT 3, u, '2024-03-01 10:00' FROM generate_series(1, 100) u",
                "INSERT INTO payments SELECT u, '2024-03-02 10:00', 100 FROM generate_series(1, 40) u");
        Path config = dir.resolve("voronka.yaml");
        Files.writeString(config, """
                database: { url: "%s" }
                reload: { max_shrink: 0.2 }
                sources:
                  - { name: events, table: events, user: _user_id, time: happened_at, type: { column: event_id } }
                  - { name: payments, table: payments, user: _user_id, time: paid_at, type: { constant: pay },
                      value: amount }
                """.formatted(db.url()));
        VoronkaApp app = VoronkaApp.configured(config, s -> s.withPort(0), QUIET, false);
        queries = app.queries();
        api = new HttpApi(queries, new ReportService(queries, DefaultReports.seed()),
                ServerSettings.load(config).withPort(0), null).start();
        base = "http://127.0.0.1:" + api.port();
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
        queries.close();
        db.close();
    }

    private long payers() throws Exception {
        HttpResponse<String> r = HttpApiTest.post(base + "/api/query", "users of pay", "text/plain");
        assertEquals(200, r.statusCode(), r.body());
        long sum = 0;
        for (JsonNode v : JSON.readTree(r.body()).path("series").get(0).path("values")) {
            sum += v.asLong();
        }
        return sum;
    }

    @Test
    void aTableEmptiedByTheEtlIsRefusedAndTheOldDataKeepsServingUntilItIsRefilled() throws Exception {
        assertEquals(40, payers());
        db.execute("TRUNCATE payments"); // the nightly ETL, between its TRUNCATE and its INSERT

        HttpResponse<String> refused = HttpApiTest.post(base + "/api/reload", "", "text/plain");
        assertEquals(502, refused.statusCode(), refused.body());
        JsonNode error = JSON.readTree(refused.body());
        assertEquals("refused", error.path("kind").asText());
        assertTrue(error.path("error").asText().startsWith("reload failed, the previous data keeps serving: the new"
                + " data was refused: source 'payments' has 0 events, the data serving 40 (100% fewer);"
                + " more than reload.max_shrink = 20% allows."), error.path("error").asText());
        assertEquals(40, payers(), "the old data keeps serving");

        db.execute("INSERT INTO payments SELECT u, '2024-03-03 10:00', 100 FROM generate_series(1, 45) u");
        HttpResponse<String> reloaded = HttpApiTest.post(base + "/api/reload", "", "text/plain");
        assertEquals(200, reloaded.statusCode(), reloaded.body());
        assertEquals(45, payers(), "the refilled table is served");
    }

    @Test
    void lostUsersAreRefusedAndForceAcceptsTheLoss() throws Exception {
        db.execute("DELETE FROM events WHERE _user_id > 70", "DELETE FROM payments WHERE _user_id > 35");

        HttpResponse<String> refused = HttpApiTest.post(base + "/api/reload", "", "text/plain");
        assertEquals(502, refused.statusCode(), refused.body());
        String message = JSON.readTree(refused.body()).path("error").asText();
        assertTrue(message.contains("source 'events' has 70 events, the data serving 100 (30% fewer); 70 users,"
                + " the data serving 100 (30% fewer)"), message);
        assertTrue(!message.contains("source 'payments'"), "payments lost 12.5%, within 20%: " + message);

        HttpResponse<String> badForce = HttpApiTest.post(base + "/api/reload", "{\"force\": \"yes\"}",
                "application/json");
        assertEquals(400, badForce.statusCode(), badForce.body());
        HttpResponse<String> forced = HttpApiTest.post(base + "/api/reload", "{\"force\": true}", "application/json");
        assertEquals(200, forced.statusCode(), forced.body());
        assertEquals(70, JSON.readTree(forced.body()).path("users").asLong());
        assertEquals(35, payers());
    }

    @Test
    void theCliReloadsARunningServerAndForcesWithAFlag() throws Exception {
        db.execute("TRUNCATE payments");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int refused = VoronkaCli.run(QUIET, new PrintStream(err, true), "reload", "--url", base);
        assertEquals(8, refused, "refused: exit code 8");
        assertTrue(err.toString().contains("source 'payments' has 0 events, the data serving 40"), err.toString());
        assertEquals(0, VoronkaCli.run(QUIET, QUIET, "reload", "--url", base, "--force"));
        assertEquals(0, payers());
    }

    @Test
    void runningOutOfMemoryDuringAReloadIsTooLargeAndKeepsTheOldStore() {
        StoreHolder stores = queries.stores();
        LoadedStore serving = stores.current();
        Supplier<EventStore> exhausting = () -> {
            throw new OutOfMemoryError("Java heap space");
        };
        StoreHolder holder = StoreHolder.reloading(serving, exhausting);
        VoronkaException e = assertThrows(VoronkaException.class, () -> holder.reload(false));
        assertEquals(ErrorKind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().startsWith("reload failed, the previous data keeps serving: the Java heap"),
                e.getMessage());
        assertSame(serving, holder.current());
    }
}
