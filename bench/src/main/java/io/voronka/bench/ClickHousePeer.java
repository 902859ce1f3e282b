package io.voronka.bench;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * ClickHouse (Debian's {@code clickhouse-server}) started by the harness on loopback in a temporary folder, fed the
 * same rows straight from PostgreSQL (CSV over its HTTP interface), queried over HTTP with the SQL in
 * {@code sql/clickhouse/}.
 */
public final class ClickHousePeer implements Peer {
    private final Path dir;
    private final Process server;
    private final int httpPort;
    /** Rows in its event table, counted once loaded. */
    private long events;
    /** Stops the server and removes its folder when the JVM is stopped before {@link #close()} (Ctrl-C). */
    private final Thread cleanupOnExit;

    private ClickHousePeer(Path dir, Process server, int httpPort) {
        this.dir = dir;
        this.server = server;
        this.httpPort = httpPort;
        this.cleanupOnExit = new Thread(this::stopAndDelete, "clickhouse-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /** The server binary, or null when ClickHouse is not installed. */
    public static Path binary() {
        for (String candidate : new String[]{"/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /** Starts a private server and loads the schema's events and payments into it. */
    public static ClickHousePeer start(Connection pg, String schema) throws Exception {
        Path binary = binary();
        if (binary == null) {
            throw new IllegalStateException("clickhouse-server is not installed (apt-get install clickhouse-server)");
        }
        Path dir = Files.createTempDirectory("voronka-clickhouse");
        int http = freePort();
        int tcp = freePort();
        Files.writeString(dir.resolve("config.xml"), """
                <?xml version="1.0"?>
                <yandex>
                  <logger><level>warning</level><log>%1$s/server.log</log><errorlog>%1$s/error.log</errorlog></logger>
                  <http_port>%2$d</http_port><tcp_port>%3$d</tcp_port><listen_host>127.0.0.1</listen_host>
                  <path>%1$s/data/</path><tmp_path>%1$s/tmp/</tmp_path><user_files_path>%1$s/files/</user_files_path>
                  <format_schema_path>%1$s/schemas/</format_schema_path><users_config>%1$s/users.xml</users_config>
                  <default_profile>default</default_profile><default_database>default</default_database>
                  <mark_cache_size>536870912</mark_cache_size><timezone>Europe/Moscow</timezone>
                </yandex>
                """.formatted(dir, http, tcp));
        Files.writeString(dir.resolve("users.xml"), """
                <?xml version="1.0"?>
                <yandex>
                  <profiles><default><max_memory_usage>8000000000</max_memory_usage></default></profiles>
                  <users><default><password></password><networks><ip>127.0.0.1</ip></networks>
                    <profile>default</profile><quota>default</quota></default></users>
                  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
                    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time>
                  </interval></default></quotas>
                </yandex>
                """);
        Process process = new ProcessBuilder(binary.toString(), "--config-file=" + dir.resolve("config.xml"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        ClickHousePeer peer = new ClickHousePeer(dir, process, http);
        try {
            peer.awaitReady();
            for (String statement : sqlText("prepare").split(";")) {
                if (!statement.isBlank()) {
                    peer.post(statement, null);
                }
            }
            peer.load(pg, "SELECT _user_id, event_id, happened_at, coalesce(utm_source, '') FROM \"" + schema
                    + "\".events UNION ALL SELECT _user_id, -1, transaction_created_at, '' FROM \"" + schema
                    + "\".payments WHERE NOT is_gift", "ev");
            peer.load(pg, "SELECT _user_id, transaction_created_at, amount FROM \"" + schema
                    + "\".payments WHERE NOT is_gift", "pay");
            peer.events = Long.parseLong(peer.post("SELECT count() FROM ev", null).strip());
            return peer;
        } catch (Exception e) {
            peer.close();
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("clickhouse-server exited: see " + dir.resolve("stdout.log"));
            }
            try {
                if (post("SELECT 1", null).strip().equals("1")) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("clickhouse-server did not answer within 60 s");
    }

    private void load(Connection pg, String select, String table) throws Exception {
        HttpURLConnection c = open("INSERT INTO " + table + " FORMAT CSV");
        c.setDoOutput(true);
        c.setChunkedStreamingMode(1 << 20);
        try (OutputStream out = c.getOutputStream()) {
            pg.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT (FORMAT csv)", out);
        }
        read(c);
    }

    private HttpURLConnection open(String query) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + "/?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8)).toURL().openConnection();
        c.setRequestMethod("POST");
        return c;
    }

    private String post(String query, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + "/")
                .toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        try (OutputStream out = c.getOutputStream()) {
            out.write(query.getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.write(body);
            }
        }
        return read(c);
    }

    private static String read(HttpURLConnection c) throws IOException {
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (status >= 400) {
                throw new IllegalStateException("ClickHouse answered " + status + ": " + text.strip());
            }
            return text;
        }
    }

    static String sqlText(String file) {
        String path = "/sql/clickhouse/" + file + ".sql";
        try (InputStream in = ClickHousePeer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "ClickHouse";
    }

    @Override
    public long events() {
        return events;
    }

    @Override
    public String semantics() {
        return "windowFunnel takes rows of one second in storage order; the funnel SQL orders them by step (time × 4"
                + " + step rank, window 4·W + 3), which is exact for these disjoint steps";
    }

    @Override
    public Map<String, Double> answer(Question question) throws IOException {
        return tabSeparated(post(question.sql(sqlText(question.sqlFile())) + " FORMAT TabSeparated", null));
    }

    /** A two-column TabSeparated answer (key, value) as an answer map; zeros left out as in {@link Answers}. */
    static Map<String, Double> tabSeparated(String text) {
        Map<String, Double> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int tab = line.indexOf('\t');
            double v = Double.parseDouble(line.substring(tab + 1));
            if (v != 0) {
                out.put(line.substring(0, tab), v);
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook is running or about to run
        }
        stopAndDelete();
    }

    private void stopAndDelete() {
        server.destroy();
        try {
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (InterruptedException | IOException e) {
            Thread.currentThread().interrupt();
        }
    }

}
