package io.voronka.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.PGConnection;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A current ClickHouse (26.x) as the {@code chdb} npm package: ClickHouse's engine inside a Node process, installed by
 * the harness into {@code target/chdb} on first use ({@code npm install chdb}) and driven over stdin/stdout by
 * {@code chdb/runner.js}. It gets the same tables as the ClickHouse peer (MergeTree ordered by (u, t), CSV exported
 * from PostgreSQL) and answers with the same SQL ({@code sql/clickhouse/}), with {@code max_threads} set to the
 * machine's cores and the data's time zone as its session zone.
 */
public final class ChdbPeer implements Peer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path work;
    private final Process node;
    private final BufferedWriter in;
    private final BufferedReader out;
    private long events;

    private ChdbPeer(Path work, Process node) {
        this.work = work;
        this.node = node;
        this.in = new BufferedWriter(new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The folder chdb is installed into: {@code bench/target/chdb} from the repository root, else target/chdb. */
    static Path installDir() {
        String configured = System.getProperty("voronka.chdb.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        return Files.isDirectory(Path.of("bench", "target")) ? Path.of("bench", "target", "chdb")
                : Path.of("target", "chdb");
    }

    /**
     * Installs chdb when missing; returns null when it is installed, else why it cannot be (no node or npm, npm
     * unreachable), for the harness to print as the reason the peer is skipped.
     */
    static String ensureInstalled(Path dir) throws IOException, InterruptedException {
        if (Files.isDirectory(dir.resolve("node_modules").resolve("chdb"))) {
            return null;
        }
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("package.json"))) {
            Files.writeString(dir.resolve("package.json"), "{\"name\": \"voronka-chdb-peer\", \"private\": true}\n");
        }
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "chdb@3").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("npm-install.log").toFile()).start();
        } catch (IOException e) {
            return "npm is not installed (" + e.getMessage() + ")";
        }
        if (!npm.waitFor(15, TimeUnit.MINUTES)) {
            npm.destroyForcibly();
            return "npm install chdb took longer than 15 minutes";
        }
        if (npm.exitValue() != 0 || !Files.isDirectory(dir.resolve("node_modules").resolve("chdb"))) {
            String log = Files.readString(dir.resolve("npm-install.log"));
            return "npm install chdb failed (registry unreachable?): "
                    + log.strip().lines().reduce((a, b) -> b).orElse("no output");
        }
        return null;
    }

    /** Starts chdb in a Node process and loads the schema's events and payments into it. */
    public static ChdbPeer start(Connection pg, String schema, String zone, int threads) throws Exception {
        Path dir = installDir().toAbsolutePath();
        Path work = Files.createTempDirectory("voronka-chdb");
        try (InputStream script = ChdbPeer.class.getResourceAsStream("/chdb/runner.js")) {
            Files.copy(script, dir.resolve("runner.js"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Process node = new ProcessBuilder("node", dir.resolve("runner.js").toString(), work.resolve("session").toString())
                .directory(dir.toFile()).redirectError(work.resolve("node.log").toFile()).start();
        ChdbPeer peer = new ChdbPeer(work, node);
        try {
            peer.query("SET session_timezone = '" + zone + "'");
            peer.query("SET max_threads = " + threads);
            peer.query("SET date_time_input_format = 'best_effort'");
            // the retention SQL was written for 18.16, which let a joined subquery go without an alias
            peer.query("SET joined_subquery_requires_alias = 0");
            for (String statement : ClickHousePeer.sqlText("prepare").split(";")) {
                if (!statement.isBlank()) {
                    peer.query(statement);
                }
            }
            peer.load(pg, "SELECT _user_id, event_id, happened_at, coalesce(utm_source, '') FROM \"" + schema
                    + "\".events UNION ALL SELECT _user_id, -1, transaction_created_at, '' FROM \"" + schema
                    + "\".payments WHERE NOT is_gift", "ev", "u Int64, typ Int32, t DateTime, utm_source String");
            peer.load(pg, "SELECT _user_id, transaction_created_at, amount FROM \"" + schema
                    + "\".payments WHERE NOT is_gift", "pay", "u Int64, t DateTime, amount Float64");
            peer.query("OPTIMIZE TABLE ev FINAL");
            peer.query("OPTIMIZE TABLE pay FINAL");
            peer.events = Long.parseLong(peer.query("SELECT count() FROM ev").strip());
            return peer;
        } catch (Exception e) {
            peer.close();
            throw e;
        }
    }

    private void load(Connection pg, String select, String table, String structure) throws Exception {
        Path csv = work.resolve(table + ".csv");
        try (var file = Files.newOutputStream(csv)) {
            pg.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT (FORMAT csv)", file);
        }
        query("INSERT INTO " + table + " SELECT * FROM file('" + csv + "', CSV, '" + structure + "')");
        Files.delete(csv);
    }

    private String query(String sql) throws IOException {
        in.write(JSON.writeValueAsString(Map.of("sql", sql)));
        in.newLine();
        in.flush();
        String line = out.readLine();
        if (line == null) {
            throw new IllegalStateException("the chdb process ended: see " + work.resolve("node.log"));
        }
        JsonNode reply = JSON.readTree(line);
        if (!reply.path("ok").asBoolean()) {
            throw new IllegalStateException("chdb: " + reply.path("error").asText());
        }
        return reply.path("text").asText();
    }

    @Override
    public String name() {
        return "chdb 26";
    }

    @Override
    public long events() {
        return events;
    }

    @Override
    public String semantics() {
        return "ClickHouse 26 in-process (npm chdb), the ClickHouse peer's SQL: exact for these disjoint steps";
    }

    @Override
    public Map<String, Double> answer(Question question) throws IOException {
        return ClickHousePeer.tabSeparated(query(question.sql(ClickHousePeer.sqlText(question.sqlFile()))));
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!node.waitFor(20, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
