package io.voronka.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.store.EventStore;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The server on a small generated demo CRM (200k events), or a given store, on a random port, for the web page's tests. */
final class DemoServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final QueryService queries;
    private final HttpApi api;
    private final String token;

    /** @param token the API token the server wants, or null for none */
    DemoServer(String token) {
        this(token, DemoStoreSink.build(42, 200_000, 2));
    }

    DemoServer(String token, EventStore store) {
        this(token, store, Duration.ofSeconds(30), ServerSettings.defaults());
    }

    /** A server over {@code store} with its own query time limit and HTTP settings (the port is always random). */
    DemoServer(String token, EventStore store, Duration timeLimit, ServerSettings settings) {
        this.token = token;
        queries = new QueryService(new StoreHolder(LoadedStore.of(store, "the demo CRM"), null), 2, timeLimit);
        api = new HttpApi(queries, new ReportService(queries, DefaultReports.seed()), settings.withPort(0), token)
                .start();
    }

    QueryService queries() {
        return queries;
    }

    int port() {
        return api.port();
    }

    String base() {
        return "http://127.0.0.1:" + api.port();
    }

    /** GET an API path (with the token when the server wants one) and parse the JSON answer. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** What the API answers for a query text (status and JSON body), as the page will get it. */
    JsonNode query(String text) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/api/query"))
                .header("Content-Type", "text/plain; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(text));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return JSON.readTree(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Override
    public void close() {
        api.close();
        queries.close();
    }
}
