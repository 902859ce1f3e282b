package io.voronka.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voronka.bot.Reply;
import io.voronka.dsl.QueryException;
import io.voronka.dsl.QueryParser;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of error answers the same way at every edge: HTTP status and JSON, CLI exit code, bot reply. */
class ErrorKindMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INCIDENT = Pattern.compile("incident ([0-9a-f]{12})");

    /** The documented table (README, "Errors"): status and exit code of each kind. */
    private static final Map<ErrorKind, int[]> DOCUMENTED = new EnumMap<>(Map.of(
            ErrorKind.USER, new int[]{400, 2},
            ErrorKind.NOT_FOUND, new int[]{404, 2},
            ErrorKind.CONFLICT, new int[]{409, 6},
            ErrorKind.TIMEOUT, new int[]{408, 5},
            ErrorKind.UNAVAILABLE, new int[]{502, 3},
            ErrorKind.CONFIGURATION, new int[]{500, 4},
            ErrorKind.TOO_LARGE, new int[]{413, 7},
            ErrorKind.REFUSED, new int[]{502, 8},
            ErrorKind.INTERNAL, new int[]{500, 1}));

    @Test
    void everyKindHasTheDocumentedStatusAndExitCode() {
        assertEquals(ErrorKind.values().length, DOCUMENTED.size(), "the table lists every kind");
        for (ErrorKind kind : ErrorKind.values()) {
            assertEquals(DOCUMENTED.get(kind)[0], ApiError.status(kind), kind + " status");
            assertEquals(DOCUMENTED.get(kind)[1], VoronkaCli.exitCode(kind), kind + " exit code");
        }
    }

    @Test
    void aKnownErrorAnswersJsonWithItsMessageAndKind() {
        for (ErrorKind kind : ErrorKind.values()) {
            if (kind == ErrorKind.INTERNAL) {
                continue;
            }
            ApiError e = ApiError.of(new VoronkaException(kind, "the " + kind + " problem"));
            assertEquals(ApiError.status(kind), e.status());
            assertEquals("the " + kind + " problem", e.json().get("error"));
            assertEquals(kind.name().toLowerCase(java.util.Locale.ROOT), e.json().get("kind"));
            String reply = ChatBackend.replyText(new VoronkaException(kind, "the " + kind + " problem"), "a test");
            assertTrue(reply.contains("the " + kind + " problem"), kind + " bot reply: " + reply);
        }
    }

    @Test
    void aQueryErrorIsAUserErrorWithItsPositionInTheJson() {
        LoadedStore demo = LoadedStore.of(DemoStoreSink.build(1, 5_000, 1), "demo");
        QueryException parse = assertThrows(QueryException.class, () -> QueryParser.parse("3 >> 4", demo.catalog()));
        assertEquals(ErrorKind.USER, parse.kind());
        ApiError e = ApiError.of(parse);
        assertEquals(400, e.status());
        assertEquals(parse.problem(), e.json().get("error"));
        assertEquals(1, e.json().get("line"));
        assertEquals(4, e.json().get("column"));
        assertTrue(((String) e.json().get("detail")).contains("^"), "the caret line: " + e.json());
    }

    @Test
    void anUnexpectedFailureAnswers500WithAnIncidentIdThatTheLogHoldsWithTheStackTrace() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        HttpResponse<String> r;
        try (QueryService queries = new QueryService(brokenStore(), 1, Duration.ofSeconds(30));
             HttpApi api = new HttpApi(queries, new ReportService(queries, DefaultReports.seed()),
                     ServerSettings.defaults().withPort(0), null).start()) {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                    + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            System.setErr(oldErr);
        }
        assertEquals(500, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("internal", body.get("kind").asText());
        String incident = body.get("incident").asText();
        assertTrue(body.get("error").asText().contains(incident), r.body());
        assertFalse(r.body().contains("NullPointer") || r.body().contains("eventCount"),
                "no exception text: " + r.body());
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("incident " + incident) && logged.contains("NullPointerException")
                && logged.contains("\tat "), "the log has the id and the stack trace:\n" + logged);
    }

    @Test
    void anUnexpectedFailureInTheBotRepliesWithAnIncidentIdOnly() {
        try (QueryService queries = new QueryService(brokenStore(), 1, Duration.ofSeconds(30))) {
            ChatBackend backend = new ChatBackend(queries, new ReportService(queries, DefaultReports.seed()));
            Reply reply = backend.query("3 > 4");
            assertTrue(reply.error());
            Matcher id = INCIDENT.matcher(reply.text());
            assertTrue(id.find(), reply.text());
            assertFalse(reply.text().contains("NullPointer"), reply.text());
        }
    }

    @Test
    void botRepliesNameTheProblemOfUserAndNotFoundErrors() {
        try (QueryService queries = new QueryService(new StoreHolder(LoadedStore.of(DemoStoreSink.build(1, 5_000, 1),
                "demo"), null), 1, Duration.ofSeconds(30))) {
            ChatBackend backend = new ChatBackend(queries, new ReportService(queries, DefaultReports.seed()));
            Reply bad = backend.query("3 >> 4");
            assertTrue(bad.error() && bad.text().contains("1:4: unexpected") && bad.text().contains("^"), bad.text());
            Reply missing = backend.report("nope");
            assertTrue(missing.error() && missing.text().contains("no report named 'nope'"), missing.text());
        }
    }

    @Test
    void anUnreadableSourceExitsWith3(@TempDir Path dir)
            throws Exception {
        Path config = dir.resolve("voronka.yaml");
        Files.writeString(config, """
                sources:
                  - name: events
                    file: missing.csv
                    user: user_id
                    time: at
                    type: { constant: visit }
                """);
        String[] unavailable = cli("query", "--config", config.toString(), "visit");
        assertEquals("3", unavailable[0], unavailable[2]);
        assertTrue(unavailable[2].contains("missing.csv"), unavailable[2]);

    }

    @Test
    void anUnexpectedFailureInTheCliNamesAnIncidentFileWithTheStackTraceAndNotTheExceptionText() throws Exception {
        String told = VoronkaCli.failureText(new IllegalStateException("secret detail"));
        assertFalse(told.contains("secret detail"), told);
        Matcher id = INCIDENT.matcher(told);
        assertTrue(id.find(), told);
        Path file = Path.of(told.substring(told.indexOf(" are in ") + 8));
        String trace = Files.readString(file);
        Files.delete(file);
        assertTrue(trace.contains("secret detail") && trace.contains("\tat "), trace);
    }

    @Test
    void aFailedReloadAnswers502UnavailableAndTheOldDataKeepsServing(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "user_id,at\n1,2026-11-01 10:00:00\n2,2026-11-02 11:00:00\n");
        VoronkaConfig sources = VoronkaConfig.parse("""
                sources:
                  - name: events
                    file: events.csv
                    user: user_id
                    time: at
                    type: { constant: visit }
                """, dir.resolve("voronka.yaml"), name -> null);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        StoreHolder holder = StoreHolder.reloading(LoadedStore.of(VoronkaApp.load(sources, quiet), "csv"),
                () -> VoronkaApp.load(sources, quiet));
        Files.delete(csv);
        try (QueryService queries = new QueryService(holder, 1, Duration.ofSeconds(30));
             HttpApi api = new HttpApi(queries, new ReportService(queries, DefaultReports.seed()),
                     ServerSettings.defaults().withPort(0), null).start()) {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + api.port();
            HttpResponse<String> reload = client.send(HttpRequest.newBuilder(URI.create(base + "/api/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(502, reload.statusCode(), reload.body());
            JsonNode body = JSON.readTree(reload.body());
            assertEquals("unavailable", body.get("kind").asText());
            assertTrue(body.get("error").asText().contains("previous data keeps serving")
                    && body.get("error").asText().contains("events.csv"), reload.body());
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/api/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(2, JSON.readTree(health.body()).get("events").asLong(), health.body());
        }
    }

    private static String[] cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VoronkaCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new String[]{Integer.toString(code), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    /** A store holder whose store is missing: every use of it fails with a NullPointerException, like a bug. */
    private static StoreHolder brokenStore() {
        LoadedStore demo = LoadedStore.of(DemoStoreSink.build(1, 5_000, 1), "demo");
        return new StoreHolder(new LoadedStore(null, demo.catalog(), Instant.now(), "broken"), null);
    }
}
