package io.voronka.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.voronka.engine.config.ConfigDocument;
import io.voronka.engine.config.ConfigException;
import io.voronka.engine.config.ConfigSection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The server's sections of the configuration file ({@code http}, {@code reports}, {@code bot}, {@code reload}), read from the same
 * parsed {@link ConfigDocument} as the engine's sections with the same section reader.
 * Secrets are never in the file: {@code token_env} names the environment variable that holds the API token.
 */
public record ServerSettings(String host, int port, long maxRequestBytes, Duration queryTimeLimit, int threads,
                             String tokenEnv, List<ReportDefinition> reports, JsonNode bot, double maxShrink,
                             HttpLimits limits) {
    /** The top-level sections the server reads here (the others: {@code VoronkaConfig.SECTIONS}, FreshnessSettings'). */
    public static final List<String> SECTIONS = List.of("http", "reports", "bot", "reload");
    private static final String[] HTTP_KEYS = {"host", "port", "max_request_bytes", "query_timeout_ms", "threads",
        "token_env", "connection_threads", "accept_queue", "max_concurrent_requests", "request_read_ms",
        "idle_timeout_ms", "result_cache_mb"};
    private static final String[] REPORT_KEYS = {"name", "title", "query", "chart", "daily"};

    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", 8080, 64 * 1024, Duration.ofSeconds(30),
                Math.max(1, Runtime.getRuntime().availableProcessors()), null, DefaultReports.seed(), null,
                ShrinkGuard.DEFAULT_MAX_SHRINK, HttpLimits.defaults());
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxRequestBytes, queryTimeLimit, threads, tokenEnv, reports, bot,
                maxShrink, limits);
    }

    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, maxRequestBytes, queryTimeLimit, threads, tokenEnv, reports, bot,
                maxShrink, limits);
    }

    public ServerSettings withQueryTimeLimit(Duration limit) {
        return new ServerSettings(host, port, maxRequestBytes, limit, threads, tokenEnv, reports, bot, maxShrink,
                limits);
    }

    public ServerSettings withThreads(int newThreads) {
        return new ServerSettings(host, port, maxRequestBytes, queryTimeLimit, newThreads, tokenEnv, reports, bot,
                maxShrink, limits);
    }

    public ServerSettings withTokenEnv(String env) {
        return new ServerSettings(host, port, maxRequestBytes, queryTimeLimit, threads, env, reports, bot,
                maxShrink, limits);
    }

    public ServerSettings withLimits(HttpLimits newLimits) {
        return new ServerSettings(host, port, maxRequestBytes, queryTimeLimit, threads, tokenEnv, reports, bot,
                maxShrink, newLimits);
    }

    /** Whether the configured host is a loopback address (only this machine can connect). */
    public boolean loopbackOnly() {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }

    /**
     * The API token from the variable {@code http.token_env} names, or null when none is named. Auth fails closed:
     * a named variable that is unset or empty stops the server from starting, naming the variable.
     */
    public String token(UnaryOperator<String> environment) {
        if (tokenEnv == null) {
            return null;
        }
        String token = environment.apply(tokenEnv);
        if (token == null || token.isBlank()) {
            throw new ConfigException("http.token_env names the environment variable " + tokenEnv + ", which is "
                    + (token == null ? "not set" : "empty") + ": set it to the API token, or remove token_env to"
                    + " serve without a token");
        }
        return token.strip();
    }

    /** Reads and parses {@code file} for its server sections (a server reads it once with {@link #from}). */
    public static ServerSettings load(Path file) {
        return from(ConfigDocument.read(file, System::getenv));
    }

    /** Reads the {@code http}, {@code reports}, {@code bot} and {@code reload} sections; missing sections take the defaults. */
    public static ServerSettings from(ConfigDocument document) {
        ServerSettings d = defaults();
        ConfigSection top = document.top();
        ConfigSection http = top.section("http");
        String host = d.host;
        int port = d.port;
        long maxBytes = d.maxRequestBytes;
        Duration timeLimit = d.queryTimeLimit;
        int threads = d.threads;
        String tokenEnv = null;
        HttpLimits limits = d.limits;
        if (http != null) {
            http.allow(HTTP_KEYS);
            String givenHost = http.string("host", false);
            host = givenHost == null ? d.host : givenHost;
            port = http.intIn("port", d.port, 0, 65535);
            maxBytes = http.intIn("max_request_bytes", (int) d.maxRequestBytes, 256, 16 * 1024 * 1024);
            timeLimit = Duration.ofMillis(http.intIn("query_timeout_ms", (int) d.queryTimeLimit.toMillis(), 1,
                    3_600_000));
            threads = http.intIn("threads", d.threads, 1, 1024);
            tokenEnv = http.string("token_env", false);
            limits = httpLimits(http, d.limits);
        }
        List<ReportDefinition> reports = top.has("reports") ? reports(top) : d.reports;
        JsonNode bot = top.has("bot") ? top.node().get("bot") : null;
        ConfigSection reload = top.section("reload");
        double maxShrink = d.maxShrink;
        if (reload != null) {
            reload.allow("max_shrink", "at"); // at: the nightly reload's time, read by FreshnessSettings
            maxShrink = reload.numberIn("max_shrink", d.maxShrink, 0, 1);
        }
        return new ServerSettings(host, port, maxBytes, timeLimit, threads, tokenEnv, reports, bot, maxShrink,
                limits);
    }

    private static HttpLimits httpLimits(ConfigSection http, HttpLimits d) {
        int connectionThreads = http.intIn("connection_threads", d.connectionThreads(), 8, 10_000);
        int concurrent = http.intIn("max_concurrent_requests", Math.min(d.maxConcurrentRequests(),
                connectionThreads - 4), 1, connectionThreads - 4);
        return new HttpLimits(connectionThreads, http.intIn("accept_queue", d.acceptQueue(), 0, 65_535), concurrent,
                Duration.ofMillis(http.intIn("request_read_ms", (int) d.requestReadTime().toMillis(), 100, 3_600_000)),
                Duration.ofMillis(http.intIn("idle_timeout_ms", (int) d.idleTimeout().toMillis(), 100, 3_600_000)),
                (long) http.intIn("result_cache_mb", (int) (d.resultCacheBytes() >> 20), 0, 1 << 20) << 20);
    }

    private static List<ReportDefinition> reports(ConfigSection top) {
        List<ReportDefinition> out = new ArrayList<>();
        for (ConfigSection r : top.sections("reports", "{name, title, query, chart, daily}")) {
            r.allow(REPORT_KEYS);
            try {
                out.add(new ReportDefinition(r.string("name", false), r.string("title", false),
                        r.string("query", false), r.string("chart", false), r.bool("daily", false)));
            } catch (IllegalArgumentException e) {
                throw r.error(e.getMessage());
            }
        }
        return out;
    }
}
