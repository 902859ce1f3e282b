package io.voronka.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.demo.DemoDatabase;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.testing.PgTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API end to end over real HTTP on a random port, on the generated demo CRM. */
class HttpApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static QueryService queries;
    private static HttpApi api;
    private static String base;

    @BeforeAll
    static void start() {
        EventStore store = DemoStoreSink.build(5, 150_000, 2);
        queries = new QueryService(new StoreHolder(LoadedStore.of(store, "test demo"), null), 2, Duration.ofSeconds(30));
        ServerSettings settings = ServerSettings.defaults().withPort(0);
        api = new HttpApi(queries, new ReportService(queries, DefaultReports.seed()), settings, null).start();
        base = "http://127.0.0.1:" + api.port();
    }

    @AfterAll
    static void stop() {
        api.close();
        queries.close();
    }

    static HttpResponse<String> post(String url, String body, String contentType) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON answer to a query, which must succeed with a result of {@code kind}. */
    private static JsonNode answer(String query, String kind) throws Exception {
        HttpResponse<String> r = post(base + "/api/query", query, "text/plain");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(kind, body.get("kind").asText(), r.body());
        return body;
    }

    @Test
    void pathsAnswerNodesLinksAndFlowsThatAddUp() throws Exception {
        JsonNode body = answer("paths depth 7 where did 13|10", "paths");
        assertEquals(7, body.get("positions").asInt());
        long users = body.get("users").asLong();
        long first = 0;
        long[] into = new long[body.get("nodes").size()];
        for (JsonNode node : body.get("nodes")) {
            assertEquals(node.get("users").asDouble() / users, node.get("share").asDouble(), 1e-12);
            if (node.get("position").asInt() == 1) {
                first += node.get("users").asLong();
            }
        }
        for (JsonNode link : body.get("links")) {
            into[link.get("target").asInt()] += link.get("users").asLong();
        }
        for (JsonNode node : body.get("nodes")) {
            if (node.get("position").asInt() > 1) {
                assertEquals(node.get("users").asLong(), into[node.get("id").asInt()], "users into " + node);
            }
        }
        assertEquals(users, first, "every path starts at position 1");
        assertTrue(body.get("nodes").toString().contains("\"kind\":\"end\""), "some paths stop early");
        assertTrue(body.get("flows").size() > 0 && body.get("flows").get(0).get("path").size() > 0);
        assertFalse(body.has("warnings"), "no warnings without filters on values");
    }

    @Test
    void timeInStatusAnswersStatisticsAndAHistogramPerOutcome() throws Exception {
        JsonNode body = answer("time from 1 to next by outcome pay per hour", "distribution");
        assertEquals("pay", body.get("outcome").asText());
        JsonNode bins = body.get("bins");
        assertEquals("0–1h", bins.get(0).get("label").asText());
        assertTrue(bins.get(bins.size() - 1).get("toSeconds").isNull(), "the last bin is open-ended");
        JsonNode groups = body.get("groups");
        assertEquals(List.of("all", "reached", "not_reached"),
                List.of(groups.get(0).get("group").asText(), groups.get(1).get("group").asText(),
                        groups.get(2).get("group").asText()));
        long histogram = 0;
        for (JsonNode n : groups.get(0).get("histogram")) {
            histogram += n.asLong();
        }
        assertEquals(groups.get(0).get("count").asLong(), histogram, "every ended status event is in one bin");
        assertEquals(groups.get(0).get("count").asLong(),
                groups.get(1).get("count").asLong() + groups.get(2).get("count").asLong());
        assertTrue(groups.get(0).get("open").asLong() > 0, "some tasks have no next event");
        assertTrue(groups.get(0).get("p25Seconds").asLong() <= groups.get(0).get("p50Seconds").asLong()
                && groups.get(0).get("p50Seconds").asLong() <= groups.get(0).get("p99Seconds").asLong());
    }

    @Test
    void aFilterOnAValueNoEventHasIsAnsweredWithAWarning() throws Exception {
        JsonNode body = answer("3 where utm_source = 'tiktok' > pay", "funnel");
        assertEquals(0, body.get("rows").get(0).get("reached").get(0).asLong());
        assertTrue(body.get("warnings").get(0).asText().contains("no event has utm_source = 'tiktok'"),
                body.toString());
        HttpResponse<String> typo = post(base + "/api/query", "3 where utm_source = 'vkk' > pay", "text/plain");
        assertEquals(400, typo.statusCode(), typo.body());
        assertTrue(JSON.readTree(typo.body()).get("hint").asText().contains("did you mean 'vk'?"), typo.body());
    }

    @Test
    void funnelQueryReturnsStepsCountsAndConversions() throws Exception {
        JsonNode body = answer("3 > 4|13 > 7 > pay within 14d", "funnel");
        assertEquals(4, body.get("steps").size());
        JsonNode reached = body.get("rows").get(0).get("reached");
        assertTrue(reached.get(0).asLong() > reached.get(3).asLong() && reached.get(3).asLong() > 0,
                body.toString());
        assertEquals(reached.get(1).asDouble() / reached.get(0).asDouble(),
                body.get("rows").get(0).get("conversionFromPrevious").get(1).asDouble(), 1e-9);
    }

    @Test
    void queryAsJsonBodyOrParameterGivesTheSameSeries() throws Exception {
        String q = "users of 3 per day last 7d change";
        HttpResponse<String> a = post(base + "/api/query", JSON.writeValueAsString(java.util.Map.of("q", q)),
                "application/json");
        HttpResponse<String> b = get(base + "/api/query?q=" + java.net.URLEncoder.encode(q, "UTF-8"));
        assertEquals(200, a.statusCode(), a.body());
        assertEquals(a.body(), b.body());
        JsonNode body = JSON.readTree(a.body());
        assertEquals("series", body.get("kind").asText());
        assertEquals(7, body.get("buckets").size());
        assertEquals("2021-03-13", body.get("buckets").get(6).asText());
        assertTrue(body.get("series").get(0).get("change").get(0).isNull(), "no change for the first day");
    }

    @Test
    void malformedQueryIs400WithPositionExpectedAndHint() throws Exception {
        HttpResponse<String> r = post(base + "/api/query", "3 > 4 withn 14d", "text/plain");
        assertEquals(400, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("user", body.get("kind").asText());
        assertEquals(1, body.get("line").asInt());
        assertEquals(7, body.get("column").asInt());
        assertTrue(body.get("expected").size() > 0, r.body());
        assertTrue(body.get("hint").asText().contains("within"), r.body());
        assertFalse(r.body().contains("Exception"), "no stack trace or exception names: " + r.body());
    }

    @Test
    void unknownEventNameSuggestsTheClosestOne() throws Exception {
        HttpResponse<String> r = post(base + "/api/query", "3 > \"request_creatd\"", "text/plain");
        assertEquals(400, r.statusCode());
        assertTrue(JSON.readTree(r.body()).get("hint").asText().contains("request_created"), r.body());
    }

    @Test
    void emptyAndOversizedBodiesAreRefused() throws Exception {
        assertEquals(400, post(base + "/api/query", "", "text/plain").statusCode());
        HttpResponse<String> big = post(base + "/api/query", "3 > 4 ".repeat(20_000), "text/plain");
        assertEquals(413, big.statusCode(), big.body());
        assertTrue(JSON.readTree(big.body()).get("error").asText().contains("larger than"));
        assertEquals("too_large", JSON.readTree(big.body()).get("kind").asText());
    }

    @Test
    void dictionarySourcesAndHealth() throws Exception {
        JsonNode events = JSON.readTree(get(base + "/api/events").body()).get("events");
        boolean request = false;
        for (JsonNode e : events) {
            request |= e.get("id").asInt() == 3 && e.get("name").asText().equals("Создание заявки")
                    && e.get("aliases").get(0).asText().equals("request_created");
        }
        assertTrue(request, events.toString());
        JsonNode sources = JSON.readTree(get(base + "/api/sources").body());
        assertEquals("events", sources.get("sources").get(0).get("source").asText());
        assertTrue(sources.get("sources").get(0).get("dropped").get("duplicate").asLong() > 0);
        JsonNode health = JSON.readTree(get(base + "/api/health").body());
        assertEquals("ok", health.get("status").asText());
        assertTrue(health.get("events").asLong() > 100_000);
    }

    @Test
    void reportsListJsonAndPngWithTodayHighlighted() throws Exception {
        JsonNode list = JSON.readTree(get(base + "/api/reports").body()).get("reports");
        assertEquals(DefaultReports.seed().size(), list.size());
        JsonNode revenue = JSON.readTree(get(base + "/api/reports/revenue").body());
        assertTrue(revenue.get("summary").asText().startsWith("2021-03-13: "), revenue.toString());
        assertEquals("series", revenue.get("result").get("kind").asText());
        BufferedImage image = png(base + "/api/reports/revenue.png");
        assertTrue(colourShare(image, ChartRenderer.HIGHLIGHT.getRGB(), image.getWidth() * 3 / 4, image.getWidth())
                > 0.01, "today's bar, at the right, is drawn in the highlight colour");
        assertTrue(colourShare(image, ChartRenderer.PAST.getRGB(), 0, image.getWidth() * 3 / 4) > 0.01,
                "earlier bars in the muted colour");
    }

    @Test
    void dimensionsListTheirMostFrequentValuesWithEventCountsTheQueriesAgreeWith() throws Exception {
        HttpResponse<String> r = get(base + "/api/dimensions");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode dimensions = JSON.readTree(r.body()).get("dimensions");
        List<String> names = new ArrayList<>();
        dimensions.forEach(d -> names.add(d.get("name").asText()));
        assertEquals(queries.stores().current().catalog().dimensions(), names);
        for (JsonNode d : dimensions) {
            JsonNode top = d.get("top");
            assertTrue(top.size() > 0 && top.size() <= DimensionSummary.TOP_VALUES, d.toString());
            assertTrue(d.get("distinct").asInt() >= top.size(), d.toString());
            for (int i = 1; i < top.size(); i++) {
                assertTrue(top.get(i - 1).get("events").asLong() >= top.get(i).get("events").asLong(),
                        "most frequent first: " + d);
            }
            JsonNode first = top.get(0);
            String q = "events per total where " + d.get("name").asText() + " = '" + first.get("value").asText() + "'";
            JsonNode counted = JSON.readTree(post(base + "/api/query", q, "text/plain").body());
            assertEquals(first.get("events").asLong(), counted.get("series").get(0).get("values").get(0).asLong(), q);
        }
    }

    @Test
    void queryChartIsThePngOfTheResultAndRefusesWhatHasNoChart() throws Exception {
        String q = java.net.URLEncoder.encode("3 > 4|13 > 7 > pay", "UTF-8");
        assertTrue(colourShare(png(base + "/api/query.png?q=" + q), ChartRenderer.HIGHLIGHT.getRGB(), 0, 900) > 0.01,
                "the funnel's bars are drawn");

        HttpResponse<String> users = get(base + "/api/query.png?q="
                + java.net.URLEncoder.encode("3 > 4 dropped at 1", "UTF-8"));
        assertEquals(400, users.statusCode());
        assertTrue(JSON.readTree(users.body()).get("error").asText().contains("no chart"), users.body());
        assertEquals(400, get(base + "/api/query.png").statusCode());
        assertEquals(400, get(base + "/api/query.png?q=" + q + "&chart=pie").statusCode());
        HttpResponse<String> broken = get(base + "/api/query.png?q=" + java.net.URLEncoder.encode("3 >> 4", "UTF-8"));
        assertEquals(400, broken.statusCode());
        assertEquals(1, JSON.readTree(broken.body()).get("line").asInt());
    }

    @Test
    void thePagesAndTheChartLibraryAreServedUnderAContentSecurityPolicy() throws Exception {
        for (String path : List.of("/", "/reports.html", "/js/query-page.js", "/api/health")) {
            HttpResponse<String> r = get(base + path);
            assertEquals(200, r.statusCode(), path);
            String policy = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("script-src 'self';"), path + ": " + policy);
            assertFalse(policy.contains("unsafe-eval"), policy);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
        }
        assertTrue(get(base + "/").headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        HttpResponse<String> echarts = get(base + "/webjars/echarts/5.3.1/dist/echarts.min.js");
        assertEquals(200, echarts.statusCode());
        assertTrue(echarts.body().length() > 500_000, "the whole library, served from the jar");
    }

    /** GETs a chart: a 200 answer of type image/png that decodes to a 900 pixels wide image. */
    static BufferedImage png(String url) throws Exception {
        HttpResponse<byte[]> png = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertNotNull(image, "a decodable PNG");
        assertEquals(900, image.getWidth());
        return image;
    }

    static double colourShare(BufferedImage image, int rgb, int fromX, int toX) {
        long hits = 0;
        long all = 0;
        for (int x = fromX; x < toX; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                all++;
                if ((image.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF)) {
                    hits++;
                }
            }
        }
        return (double) hits / all;
    }

    @Test
    void unknownReportAndRouteAre404Json() throws Exception {
        HttpResponse<String> report = get(base + "/api/reports/nope");
        assertEquals(404, report.statusCode());
        assertTrue(JSON.readTree(report.body()).get("error").asText().contains("revenue"), "lists the reports");
        assertEquals("not_found", JSON.readTree(report.body()).get("kind").asText());
        HttpResponse<String> route = get(base + "/api/nothing-here");
        assertEquals(404, route.statusCode());
        assertTrue(JSON.readTree(route.body()).get("error").asText().contains("/api/nothing-here"));
    }

    @Test
    void reloadOfGeneratedDataIsRefusedWithAReason() throws Exception {
        HttpResponse<String> r = post(base + "/api/reload", "", "text/plain");
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("nothing to reload"));
        assertEquals("conflict", JSON.readTree(r.body()).get("kind").asText());
    }

    @Test
    void tokenProtectsEveryEndpoint() throws Exception {
        ServerSettings settings = ServerSettings.defaults().withPort(0);
        try (HttpApi guarded = new HttpApi(queries, new ReportService(queries, DefaultReports.seed()), settings,
                "s3cret").start()) {
            String url = "http://127.0.0.1:" + guarded.port();
            assertEquals(401, get(url + "/api/health").statusCode());
            assertEquals(401, get(url + "/api/dimensions").statusCode());
            assertEquals(401, get(url + "/api/query.png?q=3").statusCode());
            assertEquals(200, get(url + "/").statusCode(), "the page itself holds no data and asks for the token");
            HttpResponse<String> wrong = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/api/health"))
                    .header("Authorization", "Bearer nope").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
            HttpResponse<String> right = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/api/health"))
                    .header("Authorization", "Bearer s3cret").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, right.statusCode());
        }
    }

    @Test
    void runawayQueryIsStoppedWithAClearError() throws Exception {
        try (QueryService slow = new QueryService(queries.stores(), 2, Duration.ofNanos(1));
             HttpApi limited = new HttpApi(slow, new ReportService(slow, DefaultReports.seed()),
                     ServerSettings.defaults().withPort(0), null).start()) {
            HttpResponse<String> r = post("http://127.0.0.1:" + limited.port() + "/api/query",
                    "3 > 4|13 > 7 > pay", "text/plain");
            assertEquals(408, r.statusCode());
            assertTrue(r.body().contains("longer than its limit"), r.body());
            assertEquals("timeout", JSON.readTree(r.body()).get("kind").asText());
        }
    }

    @Test
    @Tag("postgres")
    void reloadUnderConcurrentQueriesSwapsTheStoreWithoutFailures(@TempDir Path dir) throws Exception {
        try (PgTestDatabase db = PgTestDatabase.create("http_reload")) {
            try (Connection c = db.connect()) {
                DemoDatabase.write(c, db.schema(), new DemoCrm(9, 60_000));
            }
            Path config = dir.resolve("voronka.yaml");
            Files.writeString(config, Files.readString(Path.of("../config/seed-crm.yaml"))
                    .replace("${VORONKA_DB_URL:-jdbc:postgresql://127.0.0.1:5432/crm}", db.url()));
            VoronkaConfig sources = VoronkaConfig.load(config);
            StoreHolder holder = StoreHolder.reloading(LoadedStore.of(VoronkaApp.load(sources, System.out),
                    config.toString()), () -> VoronkaApp.load(sources, System.out));
            try (QueryService service = new QueryService(holder, 2, Duration.ofSeconds(30));
                 HttpApi server = new HttpApi(service, new ReportService(service, DefaultReports.seed()),
                         ServerSettings.defaults().withPort(0), null).start()) {
                String url = "http://127.0.0.1:" + server.port();
                String expected = post(url + "/api/query", "3 > 4|13 > 7 > pay", "text/plain").body();
                ExecutorService clients = Executors.newFixedThreadPool(4);
                List<Future<List<String>>> answers = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    answers.add(clients.submit(() -> {
                        List<String> bodies = new ArrayList<>();
                        for (int i = 0; i < 25; i++) {
                            HttpResponse<String> r = post(url + "/api/query", "3 > 4|13 > 7 > pay", "text/plain");
                            bodies.add(r.statusCode() + " " + r.body());
                        }
                        return bodies;
                    }));
                }
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> reload = post(url + "/api/reload", "", "text/plain");
                    assertEquals(200, reload.statusCode(), reload.body());
                }
                for (Future<List<String>> f : answers) {
                    for (String body : f.get()) {
                        assertEquals("200 " + expected, body, "every query during reloads answers, from either store");
                    }
                }
                clients.shutdown();
            }
        }
    }
}
