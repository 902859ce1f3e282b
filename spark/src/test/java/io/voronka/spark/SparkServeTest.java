package io.voronka.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voronka.bot.Reply;
import io.voronka.engine.config.ConfigDocument;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.eval.Deadline;
import io.voronka.server.ChatBackend;
import io.voronka.server.FreshnessSettings;
import io.voronka.server.HttpApi;
import io.voronka.server.LoadedStore;
import io.voronka.server.QueryBackend;
import io.voronka.server.ReportService;
import io.voronka.server.ServerSettings;
import io.voronka.server.StoreHolder;
import io.voronka.server.VoronkaApp;
import org.apache.spark.api.java.function.ForeachFunction;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve} with {@code backend: spark} ({@link SparkServe}, a {@code local[2]} session) over the demo CRM in
 * Parquet, beside a heap-backed {@link VoronkaApp} over the in-memory store of the same rows: both answer over HTTP,
 * and every answer, error and report of the Spark server equals the heap server's (group rows in one order: the heap
 * lists them in load order, Spark in name order); only {@code explain} is refused, by name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkServeTest {
    private static final long EVENTS = 150_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** Tasks of local[2] run in this JVM: the blocking job waits on these. */
    private static volatile CountDownLatch blockersStarted;
    private static volatile CountDownLatch releaseBlockers;

    private DemoParquet demo;
    private SparkSession spark;
    private SparkServe.Served served;
    private HttpApi sparkHttp;
    private VoronkaApp heap;
    private HttpApi heapHttp;

    @BeforeAll
    void startBothServers() throws Exception {
        demo = new DemoParquet(EVENTS);
        spark = DemoParquet.session("local[2]");
        ConfigDocument document = ConfigDocument.read(demo.dir.resolve(ParquetDemo.CONFIG_FILE), name -> null);
        PrintStream out = System.out;
        served = SparkServe.start(document, spark, s -> s.withPort(0), out);
        sparkHttp = served.app().startHttp(out, name -> null);
        heap = VoronkaApp.of(new StoreHolder(LoadedStore.of(demo.reference, "the demo CRM"), null),
                QueryBackend.heap(), ServerSettings.defaults().withPort(0), FreshnessSettings.NONE);
        heapHttp = heap.startHttp(out, name -> null);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[]{sparkHttp, heapHttp, served, heap}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (spark != null) {
            spark.stop();
        }
        demo.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "3 > 4|13 > 7 > pay",
            "3 > 4|13 > 7 by utm_source",
            "3 > 4|13 within 3h > 7 > pay times by device",
            "3 > 4|13 > 7 drill 2 limit 50 offset 100",
            "users of 3 per day last 7d change",
            "users of 3 per week where utm_source = 'yandex' and device in ('mobile', 'desktop')",
            "sum of pay per month by product",
            "retention of 3 return 7 per week 8",
            "cac of pay by utm_source per month",
            "users of 3 per week where utm_source = 'no_such_source'",
            "3 > > 4",
            "3 > intro_lesson_dne",
            "sum of pay per month by no_such_dimension",
            "paths depth 7",
            "time from 1 to next",
            "rate of 7 per 3",
            "median of pay per month",
            "dau of 3 per month",
    })
    void answersAndErrorsOverHttpEqualTheHeapServers(String query) throws Exception {
        HttpResponse<String> fromHeap = post(heapHttp, "/api/query", query);
        HttpResponse<String> fromSpark = post(sparkHttp, "/api/query", query);
        assertEquals(fromHeap.statusCode(), fromSpark.statusCode(), query + "\n" + fromSpark.body());
        assertEquals(canonical(fromHeap.body()), canonical(fromSpark.body()), query);
    }

    @Test
    void aMalformedQueryIsA400WithItsPosition() throws Exception {
        HttpResponse<String> answer = post(sparkHttp, "/api/query", "3 > > 4");
        JsonNode body = JSON.readTree(answer.body());
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals("user", body.get("kind").asText());
        assertEquals(1, body.get("line").asInt(), answer.body());
        assertEquals(5, body.get("column").asInt(), answer.body());
    }

    @Test
    void explainIsRefusedByNameWithoutAStackTrace() throws Exception {
        HttpResponse<String> answer = post(sparkHttp, "/api/explain", "3 > 4|13 > 7");
        assertTrue(userError(answer).contains("backend: spark"), answer.body());
    }

    /**
     * The query's tasks wait behind a job holding both of local[2]'s cores; its deadline allows one check (the one
     * before the job starts) and passes at the next, the job group is cancelled, and the answer is the heap server's
     * timeout, not a Spark error.
     */
    @Test
    void aQueryPastItsDeadlineHasItsSparkJobCancelledAndIsATimeout() throws Exception {
        blockersStarted = new CountDownLatch(2);
        releaseBlockers = new CountDownLatch(1);
        Thread blocker = new Thread(() -> spark.range(0, 2, 1, 2).foreach((ForeachFunction<Long>) x -> {
            blockersStarted.countDown();
            // bounded so that a query that is never cancelled fails the test (it then answers) instead of hanging
            releaseBlockers.await(10, TimeUnit.MINUTES);
        }));
        blocker.start();
        try {
            assertTrue(blockersStarted.await(5, TimeUnit.MINUTES), "the blocking job never started");
            VoronkaException e = assertThrows(VoronkaException.class, () -> served.app().queries()
                    .answer("3 > 4|13 > 7 by device within 9d", Deadline.afterChecks(1)));
            assertEquals(ErrorKind.TIMEOUT, e.kind(), e.getMessage());
        } finally {
            releaseBlockers.countDown();
            blocker.join();
        }
        assertEquals(200, post(sparkHttp, "/api/query", "3 > 4|13 > 7 by device within 9d").statusCode());
    }

    /** The message of a 400 user error (never a stack trace). */
    private static String userError(HttpResponse<String> answer) throws Exception {
        JsonNode body = JSON.readTree(answer.body());
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals("user", body.get("kind").asText(), answer.body());
        return body.get("error").asText();
    }

    @Test
    void healthAndSourcesSayTheSparkBackendHoldsEveryEventAndUser() throws Exception {
        JsonNode health = JSON.readTree(get(sparkHttp, "/api/health").body());
        assertEquals("spark", health.get("backend").asText(), health.toString());
        assertEquals(demo.reference.eventCount(), health.get("events").asLong());
        assertEquals(demo.reference.userCount(), health.get("users").asLong());
        assertEquals(8, health.get("spark").get("partitions").asInt(), health.toString());
        assertEquals("local[2]", health.get("spark").get("master").asText());
        long events = 0;
        for (JsonNode p : health.get("spark").get("partitionStores")) {
            events += p.get("events").asLong();
        }
        assertEquals(demo.reference.eventCount(), events);
        JsonNode heapHealth = JSON.readTree(get(heapHttp, "/api/health").body());
        assertEquals("heap", heapHealth.get("backend").asText());
        assertEquals(heapHealth.get("dataAsOf"), health.get("dataAsOf"));

        JsonNode sources = JSON.readTree(get(sparkHttp, "/api/sources").body());
        assertEquals("spark", sources.get("backend").asText());
        assertEquals(demo.reference.eventCount(), sources.get("events").asLong());
        long kept = 0;
        for (JsonNode s : sources.get("sources")) {
            kept += s.get("kept").asLong();
        }
        assertEquals(demo.reference.eventCount(), kept, sources.toString());
    }

    @Test
    void dimensionsAndEventsForAutocompleteEqualTheHeapServers() throws Exception {
        assertEquals(JSON.readTree(get(heapHttp, "/api/dimensions").body()),
                JSON.readTree(get(sparkHttp, "/api/dimensions").body()));
        assertEquals(canonical(get(heapHttp, "/api/events").body()), canonical(get(sparkHttp, "/api/events").body()));
    }

    @Test
    void reportsAndTheBotAnswerThroughSpark() throws Exception {
        for (String report : List.of("conversion", "requests", "revenue")) {
            HttpResponse<String> fromHeap = get(heapHttp, "/api/reports/" + report);
            HttpResponse<String> fromSpark = get(sparkHttp, "/api/reports/" + report);
            assertEquals(200, fromSpark.statusCode(), fromSpark.body());
            assertEquals(canonical(fromHeap.body()), canonical(fromSpark.body()), report);
        }
        HttpResponse<byte[]> png = CLIENT.send(HttpRequest.newBuilder(URI.create(base(sparkHttp)
                + "/api/reports/requests.png")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));

        Reply fromSpark = bot(served.app()).query("3 > 4|13 > 7 > pay");
        Reply fromHeap = bot(heap).query("3 > 4|13 > 7 > pay");
        assertEquals(fromHeap.text(), fromSpark.text());
        assertEquals(fromHeap.charts().size(), fromSpark.charts().size());
    }

    @Test
    void reloadBuildsNewPartitionStoresAndRefreshIsAConflictNamingTheReload() throws Exception {
        String query = "3 > 4|13 > 7 by utm_source";
        String before = canonical(post(sparkHttp, "/api/query", query).body());
        HttpResponse<String> reload = post(sparkHttp, "/api/reload", "");
        JsonNode body = JSON.readTree(reload.body());
        assertEquals(200, reload.statusCode(), reload.body());
        assertEquals("reloaded", body.get("status").asText());
        assertEquals("spark", body.get("backend").asText());
        assertEquals(demo.reference.eventCount(), body.get("events").asLong());
        assertEquals(before, canonical(post(sparkHttp, "/api/query", query).body()));

        HttpResponse<String> refresh = post(sparkHttp, "/api/refresh", "");
        assertEquals(409, refresh.statusCode(), refresh.body());
        assertTrue(JSON.readTree(refresh.body()).get("error").asText().contains("/api/reload"), refresh.body());
    }

    private static ChatBackend bot(VoronkaApp app) {
        return new ChatBackend(app.queries(), new ReportService(app.queries(), ServerSettings.defaults().reports()));
    }

    private static String base(HttpApi api) {
        return "http://127.0.0.1:" + api.port();
    }

    private static HttpResponse<String> post(HttpApi api, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base(api) + path)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpApi api, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base(api) + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The JSON with every list of objects in one order (the heap lists groups in load order, Spark in name order)
     * and fractional numbers to 12 significant digits (sums of doubles in another order differ in the last bits).
     */
    static String canonical(String json) throws Exception {
        return JSON.writeValueAsString(canonical(JSON.readTree(json)));
    }

    private static JsonNode canonical(JsonNode node) throws Exception {
        if (node.isDouble() || node.isFloat()) {
            return DoubleNode.valueOf(Double.parseDouble(String.format(Locale.ROOT, "%.12g", node.asDouble())));
        }
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.set(field.getKey(), canonical(field.getValue()));
            }
            return out;
        }
        if (!node.isArray()) {
            return node;
        }
        List<JsonNode> items = new ArrayList<>();
        boolean objects = true;
        for (JsonNode item : node) {
            items.add(canonical(item));
            objects &= item.isObject();
        }
        List<Map.Entry<String, JsonNode>> keyed = new ArrayList<>();
        for (JsonNode item : items) {
            keyed.add(Map.entry(JSON.writeValueAsString(item), item));
        }
        if (objects) {
            keyed.sort(Map.Entry.comparingByKey());
        }
        ArrayNode out = JSON.createArrayNode();
        keyed.forEach(e -> out.add(e.getValue()));
        return out;
    }
}
