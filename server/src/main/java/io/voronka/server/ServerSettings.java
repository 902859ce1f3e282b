package io.voronka.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The server's sections of the configuration file ({@code http}, {@code reports}; the engine reads its own).
 * Secrets are never in the file: {@code token_env} names the environment variable that holds the API token.
 */
public record ServerSettings(String host, int port, long maxRequestBytes, Duration queryTimeLimit, int threads,
                             int queueLength, String tokenEnv, List<ReportDefinition> reports, JsonNode bot) {
    private static final Set<String> HTTP_KEYS = Set.of("host", "port", "max_request_bytes", "query_timeout_ms",
            "threads", "queue_length", "token_env");
    /** Queries that may wait for a thread before new ones are refused with 503. */
    public static final int DEFAULT_QUEUE_LENGTH = 64;
    private static final Set<String> REPORT_KEYS = Set.of("name", "title", "query", "chart", "daily");

    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", 8080, 64 * 1024, Duration.ofSeconds(30),
                Math.max(1, Runtime.getRuntime().availableProcessors()), DEFAULT_QUEUE_LENGTH, null,
                DefaultReports.seed(), null);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxRequestBytes, queryTimeLimit, threads, queueLength, tokenEnv,
                reports, bot);
    }

    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, maxRequestBytes, queryTimeLimit, threads, queueLength, tokenEnv,
                reports, bot);
    }

    public ServerSettings withQueryTimeLimit(Duration limit) {
        return new ServerSettings(host, port, maxRequestBytes, limit, threads, queueLength, tokenEnv, reports, bot);
    }

    public ServerSettings withTokenEnv(String env) {
        return new ServerSettings(host, port, maxRequestBytes, queryTimeLimit, threads, queueLength, env,
                reports, bot);
    }

    /** Reads the {@code http}, {@code reports} and {@code bot} sections; missing sections take the defaults. */
    public static ServerSettings load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage());
        }
        ServerSettings d = defaults();
        if (root == null || !root.isObject()) {
            return d;
        }
        JsonNode http = root.path("http");
        checkKeys(file, "http", http, HTTP_KEYS);
        String host = http.path("host").asText(d.host);
        int port = intIn(file, "http.port", http.path("port"), d.port, 0, 65535);
        long maxBytes = intIn(file, "http.max_request_bytes", http.path("max_request_bytes"), (int) d.maxRequestBytes,
                256, 16 * 1024 * 1024);
        int timeoutMs = intIn(file, "http.query_timeout_ms", http.path("query_timeout_ms"),
                (int) d.queryTimeLimit.toMillis(), 1, 3_600_000);
        int threads = intIn(file, "http.threads", http.path("threads"), d.threads, 1, 1024);
        int queue = intIn(file, "http.queue_length", http.path("queue_length"), d.queueLength, 0, 100_000);
        String tokenEnv = http.hasNonNull("token_env") ? http.get("token_env").asText() : null;
        List<ReportDefinition> reports = root.has("reports") ? reports(file, root.get("reports")) : d.reports;
        JsonNode bot = root.hasNonNull("bot") ? root.get("bot") : null;
        return new ServerSettings(host, port, maxBytes, Duration.ofMillis(timeoutMs), threads, queue, tokenEnv, reports,
                bot);
    }

    private static List<ReportDefinition> reports(Path file, JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(file + ": 'reports' must be a list of {name, title, query, chart, daily}");
        }
        List<ReportDefinition> out = new ArrayList<>();
        for (JsonNode r : node) {
            checkKeys(file, "reports[" + out.size() + "]", r, REPORT_KEYS);
            try {
                out.add(new ReportDefinition(r.path("name").asText(null), r.path("title").asText(null),
                        r.path("query").asText(null), r.path("chart").asText(null), r.path("daily").asBoolean(false)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": reports[" + out.size() + "]: " + e.getMessage());
            }
        }
        return out;
    }

    private static void checkKeys(Path file, String section, JsonNode node, Set<String> allowed) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(file + ": '" + section + "' must be a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "' in '" + section + "'; known: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static int intIn(Path file, String key, JsonNode node, int fallback, int min, int max) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            throw new IllegalArgumentException(file + ": '" + key + "' must be a whole number from " + min + " to "
                    + max + ", was " + node);
        }
        return node.asInt();
    }
}
