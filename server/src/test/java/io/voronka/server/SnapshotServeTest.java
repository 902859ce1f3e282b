package io.voronka.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.demo.DemoDatabase;
import io.voronka.engine.testing.PgTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A configuration with {@code storage.path} and watermarks, end to end against PostgreSQL: the first start loads and
 * writes the snapshot, the second starts from it with the same answers, a damaged snapshot is named and replaced by
 * a load, {@code --snapshot-only} without a snapshot exits 2, and {@code POST /api/refresh} adds new rows and shows
 * them in {@code /api/health}.
 */
@Tag("postgres")
class SnapshotServeTest {
    private static final String FUNNEL = "3 > 4|13 > 7 > pay within 14d";
    private static PgTestDatabase db;

    @TempDir
    Path dir;

    @BeforeAll
    static void demo() throws Exception {
        db = PgTestDatabase.create("snap_serve");
        try (Connection c = db.connect()) {
            DemoDatabase.write(c, db.schema(), new DemoCrm(9, 20_000));
        }
    }

    @AfterAll
    static void drop() throws Exception {
        db.close();
    }

    private Path config() throws Exception {
        Path config = dir.resolve("voronka.yaml");
        if (!Files.exists(config)) {
            Files.writeString(config, Files.readString(Path.of("../config/seed-crm.yaml"))
                    .replace("${VORONKA_DB_URL:-jdbc:postgresql://127.0.0.1:5432/crm}", db.url())
                    .replace("    time: happened_at\n", "    time: happened_at\n    watermark: happened_at\n"
                            + "    late_rows: 1h\n")
                    + "\nstorage: { path: data }\nrefresh: { every: 5m }\ntoday: data\n");
        }
        return config;
    }

    @Test
    void theSecondStartComesFromTheSnapshotWithTheSameAnswers() throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        String answer;
        try (VoronkaApp app = VoronkaApp.configured(config(), s -> s, print(first), false)) {
            answer = app.query(FUNNEL).toString();
        }
        String firstLog = first.toString(StandardCharsets.UTF_8);
        assertTrue(firstLog.contains("no snapshot in") && firstLog.contains("snapshot write:"), firstLog);

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (VoronkaApp app = VoronkaApp.configured(config(), s -> s, print(second), true)) {
            assertEquals(answer, app.query(FUNNEL).toString());
        }
        String secondLog = second.toString(StandardCharsets.UTF_8);
        assertTrue(secondLog.contains("reopen:"), secondLog);
        assertFalse(secondLog.contains("load:"), "no load from the sources: " + secondLog);
    }

    @Test
    void aDamagedSnapshotIsNamedThenReplacedByALoad() throws Exception {
        try (VoronkaApp app = VoronkaApp.configured(config(), s -> s, print(new ByteArrayOutputStream()), false)) {
            assertTrue(app.stores().current().store().eventCount() > 0);
        }
        Path segment;
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            segment = files.filter(p -> p.getFileName().toString().equals("segment-00000.bin")).findFirst()
                    .orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, VoronkaCli.run(print(out), print(err), "query", "--config", config().toString(),
                "--snapshot-only", FUNNEL), "exit 2 with --snapshot-only");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("segment-00000.bin: checksum mismatch"),
                err.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (VoronkaApp app = VoronkaApp.configured(config(), s -> s, print(log), false)) {
            assertTrue(app.stores().current().store().eventCount() > 0);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("snapshot not used: " + segment + ": checksum mismatch (the file is damaged); "
                + "loading from the sources"), text);
    }

    @Test
    void snapshotOnlyWithoutASnapshotExitsTwo() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, VoronkaCli.run(print(new ByteArrayOutputStream()), print(err), "serve", "--config",
                config().toString(), "--snapshot-only"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("holds no snapshot"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refreshOverHttpAddsNewRowsAndShowsThemInHealth() throws Exception {
        try (VoronkaApp app = VoronkaApp.configured(config(), s -> s, print(new ByteArrayOutputStream()), false);
             HttpApi api = new HttpApi(app.queries(), new ReportService(app.queries(), DefaultReports.seed()),
                     ServerSettings.defaults().withPort(0), null).start()) {
            String base = "http://127.0.0.1:" + api.port();
            long before = app.stores().current().store().eventCount();
            db.execute("INSERT INTO events (event_id, _user_id, happened_at) SELECT 3, 99000000 + g, "
                    + "(SELECT max(happened_at) FROM events) + g * interval '1 minute' FROM generate_series(1, 5) g");
            HttpResponse<String> r = HttpApiTest.post(base + "/api/refresh", "", "text/plain");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode health = new ObjectMapper().readTree(HttpApiTest.get(base + "/api/health").body());
            assertEquals(before + 5, health.get("events").asLong());
            JsonNode events = health.get("watermarks").get(0);
            assertEquals("events", events.get("source").asText());
            assertEquals(5, events.get("rowsAdded").asLong(), health.toString());
            assertTrue(events.get("rowsRead").asLong() >= 5, health.toString());
            assertTrue(health.get("dataAsOf").asText().length() > 0);
            String summary = new ReportService(app.queries(), DefaultReports.seed()).run("requests").summary();
            assertTrue(summary.contains(" · data as of "), summary);
            assertEquals("99000005", app.stores().current().store().users().key(
                    app.stores().current().store().userCount() - 1), "a new user gets the next dense id");
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (VoronkaApp app = VoronkaApp.configured(config(), s -> s, print(log), true)) {
            assertTrue(app.stores().current().store().users().find("99000003") >= 0,
                    "the refreshed snapshot holds the new users: " + log);
        }
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

}
