package io.voronka.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.voronka.engine.config.ConfigDocument;
import io.voronka.engine.config.ConfigSection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's sections of the configuration file ({@code http}, {@code reports}, {@code bot}), read from the same
 * parsed {@link ConfigDocument} as the engine's sections with the same section reader.
 * Secrets are never in the file: {@code token_env} names the environment variable that holds the API token.
 */
public record ServerSettings(String host, int port, long maxRequestBytes, Duration queryTimeLimit, int threads,
                             String tokenEnv, List<ReportDefinition> reports, JsonNode bot) {
    private static final String[] HTTP_KEYS = {"host", "port", "max_request_bytes", "query_timeout_ms", "threads",
        "token_env"};
    private static final String[] REPORT_KEYS = {"name", "title", "query", "chart", "daily"};

    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", 8080, 64 * 1024, Duration.ofSeconds(30),
                Math.max(1, Runtime.getRuntime().availableProcessors()), null, DefaultReports.seed(), null);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxRequestBytes, queryTimeLimit, threads, tokenEnv, reports, bot);
    }

    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, maxRequestBytes, queryTimeLimit, threads, tokenEnv, reports, bot);
    }

    public ServerSettings withQueryTimeLimit(Duration limit) {
        return new ServerSettings(host, port, maxRequestBytes, limit, threads, tokenEnv, reports, bot);
    }

    public ServerSettings withThreads(int newThreads) {
        return new ServerSettings(host, port, maxRequestBytes, queryTimeLimit, newThreads, tokenEnv, reports, bot);
    }

    public ServerSettings withTokenEnv(String env) {
        return new ServerSettings(host, port, maxRequestBytes, queryTimeLimit, threads, env, reports, bot);
    }

    /** Reads and parses {@code file} for its server sections (a server reads it once with {@link #from}). */
    public static ServerSettings load(Path file) {
        return from(ConfigDocument.read(file, System::getenv));
    }

    /** Reads the {@code http}, {@code reports} and {@code bot} sections; missing sections take the defaults. */
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
        }
        List<ReportDefinition> reports = top.has("reports") ? reports(top) : d.reports;
        JsonNode bot = top.has("bot") ? top.node().get("bot") : null;
        return new ServerSettings(host, port, maxBytes, timeLimit, threads, tokenEnv, reports, bot);
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
