package io.voronka.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voronka.engine.testing.HeavyUserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The HTTP edges under hostile but fair use (issue 11): wrong methods, non-string queries, too-long URIs, slow
 * bodies, many concurrent clients, clients that go away. Runs on the store with one heavy user.
 */
class HttpLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    /** A query that never ends on its own: conversions counted from every entry of the heavy user. */
    static final String ENDLESS = "3 > 4 > 11 within 365d count conversions";
    /** How long a request body may take to arrive; slow clients hold a thread at most this long. */
    private static final Duration READ_TIME = Duration.ofSeconds(5);
    private static DemoServer server;
    private static QueryService queries;
    private static int port;
    private static String base;

    @BeforeAll
    static void start() {
        server = new DemoServer(null, HeavyUserStore.build(20_000, 300_000), Duration.ofSeconds(60),
                ServerSettings.defaults().withLimits(HttpLimits.defaults().withMaxConcurrentRequests(64)
                        .withRequestReadTime(READ_TIME)));
        queries = server.queries();
        port = server.port();
        base = server.base();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode jsonError(HttpResponse<String> r, int status) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.toString());
        JsonNode body = JSON.readTree(r.body());
        assertTrue(body.hasNonNull("error") && body.hasNonNull("kind"), r.body());
        return body;
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/query")).DELETE());
        jsonError(r, 405);
        assertEquals("GET, POST", r.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> reload = send(HttpRequest.newBuilder(URI.create(base + "/api/reload")).GET());
        jsonError(reload, 405);
        assertEquals("POST", reload.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void queryThatIsNotAStringIs400() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/query"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"q\": 123}")));
        JsonNode body = jsonError(r, 400);
        assertTrue(body.get("error").asText().contains("must be a string"), r.body());
    }

    @Test
    void tooLongUriIsJson414() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/query?q=" + "3".repeat(20_000)))
                .GET());
        JsonNode body = jsonError(r, 414);
        assertEquals("too_large", body.get("kind").asText());
    }

    @Test
    void healthAnswersWhileThreeHundredClientsTrickleTheirBodies() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket s = new Socket("127.0.0.1", port);
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/query HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n3 >")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(s);
            }
            // while every slow client still holds its request (they are held up to READ_TIME), health answers
            HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/health"))
                    .timeout(READ_TIME.minusSeconds(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("ok", JSON.readTree(health.body()).get("status").asText());
            for (Socket s : slow) {
                s.setSoTimeout(30_000);
                String answer = readAll(s.getInputStream());
                int status = Integer.parseInt(answer.substring(9, 12));
                assertTrue(status == 503 || status == 408, answer);
                assertTrue(answer.contains("application/json") && answer.contains("\"kind\""), answer);
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void fiveHundredConcurrentClientsEachGetAResultOrAJsonError() throws Exception {
        send(HttpRequest.newBuilder(URI.create(base + "/api/query")).POST(HttpRequest.BodyPublishers.ofString(
                "users per month")));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            HttpRequest request = i % 5 == 0
                    ? HttpRequest.newBuilder(URI.create(base + "/api/health")).timeout(Duration.ofSeconds(60)).build()
                    : HttpRequest.newBuilder(URI.create(base + "/api/query")).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("users per month")).build();
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        for (CompletableFuture<HttpResponse<String>> f : answers) {
            HttpResponse<String> r = f.join();
            if (r.statusCode() == 200) {
                ok++;
                assertTrue(JSON.readTree(r.body()).has(r.uri().getPath().endsWith("health") ? "status" : "kind"));
            } else {
                jsonError(r, 503);
            }
        }
        assertTrue(ok >= 100, "answered: " + ok);
    }

    @Test
    void clientThatGoesAwayCancelsItsQuery() throws Exception {
        long before = queries.cancelledQueries();
        try (Socket s = new Socket("127.0.0.1", port)) {
            byte[] body = ENDLESS.getBytes(StandardCharsets.UTF_8);
            s.getOutputStream().write(("POST /api/query HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            while (queries.runningQueries() == 0) {
                Thread.onSpinWait();
            }
        }
        for (int i = 0; i < 400 && queries.cancelledQueries() == before; i++) {
            Thread.sleep(50);
        }
        if (queries.cancelledQueries() == before) {
            fail("the query of a client that went away was not cancelled");
        }
    }

    /** One HTTP/1.1 response: the head and a body of its Content-Length. */
    private static String readAll(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
