package io.voronka.bench;

import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.demo.DemoDatabase;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The side-by-side run: generates the demo CRM at a chosen size into PostgreSQL, loads the same rows into
 * Voronka (its loader, timed against {@code psql \copy … (FORMAT binary)} to /dev/null) and DuckDB, runs the same
 * questions on each, prints times with ratios to Voronka and checks that every answer agrees with Voronka's.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.voronka.bench.SideBySide [--events 10000000] [--runs 5]
 *      [--db jdbc:postgresql://127.0.0.1:5432/voronka_test?user=postgres&amp;password=postgres]
 *      [--schema voronka_bench] [--reuse] [--peers postgres,duckdb,clickhouse,chdb] [--no-chdb]
 * </pre>
 * Warm-up, the same for every system: before any timed run, each system answers every question once, untimed, in the
 * order the timed runs use (for Voronka this also compiles the kernels; for the SQL engines it fills their caches).
 * ClickHouse 26 ({@code chdb}, npm) is installed into {@code bench/target/chdb} on first use and skipped with the
 * reason when npm or the registry cannot be reached, or with {@code --no-chdb}.
 * {@code --reuse} skips generating and uses the rows already in the schema; each peer's narrow table ({@code ev})
 * is rebuilt in that schema, so two runs at once need two schemas.
 * Exits 1 when a system disagrees with Voronka.
 */
public final class SideBySide {
    /** Results of one run, for the smoke test and the report. */
    public record Outcome(Map<String, Map<Question, long[]>> nanos, List<String> disagreements, double loadSeconds,
                          double psqlSeconds, long events, double bytesPerEvent, double heapBytesPerEvent) {
    }

    /** The peers beside Voronka, as named in {@code --peers}. */
    static final List<String> ALL_PEERS = List.of("postgres", "duckdb", "clickhouse", "chdb");

    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        long events = Long.parseLong(opts.getOrDefault("events", "10000000"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "5"));
        String db = opts.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/voronka_test?user=postgres&password=postgres");
        String schema = opts.getOrDefault("schema", "voronka_bench");
        Set<String> peers = new LinkedHashSet<>(List.of(opts.getOrDefault("peers", String.join(",", ALL_PEERS))
                .toLowerCase(Locale.ROOT).split(",")));
        if (opts.containsKey("no-chdb")) {
            peers.remove("chdb");
        }
        if (!ALL_PEERS.containsAll(peers)) {
            System.err.println("--peers takes a comma-separated list of " + ALL_PEERS + ", was " + peers);
            System.exit(2);
        }
        Outcome outcome = run(db, schema, events, runs, opts.containsKey("reuse"), peers, System.out);
        System.exit(outcome.disagreements().isEmpty() ? 0 : 1);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i].replaceFirst("^--", "");
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            opts.put(key, flag ? "true" : args[++i]);
        }
        return opts;
    }

    /** The run without chdb (it needs npm and the registry; the test suite must not). */
    public static Outcome run(String baseUrl, String schema, long events, int runs, boolean reuse, PrintStream out)
            throws Exception {
        return run(baseUrl, schema, events, runs, reuse, Set.of("postgres", "duckdb", "clickhouse"), out);
    }

    /** @param only the peers to run beside Voronka ({@link #ALL_PEERS}) */
    public static Outcome run(String baseUrl, String schema, long events, int runs, boolean reuse, Set<String> only,
                              PrintStream out) throws Exception {
        String schemaUrl = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        if (!reuse) {
            long t = System.nanoTime();
            try (Connection c = DriverManager.getConnection(baseUrl)) {
                DemoDatabase.write(c, schema, new DemoCrm(42, events));
            }
            out.printf(Locale.ROOT, "generated %,d rows into PostgreSQL schema %s in %.1f s%n", events, schema,
                    secondsSince(t));
        }
        double psql = psqlCopySeconds(baseUrl, schema);
        int threads = Runtime.getRuntime().availableProcessors();
        List<Peer> peers = new ArrayList<>();
        VoronkaPeer voronka = new VoronkaPeer(schemaUrl, threads);
        peers.add(voronka);
        out.printf(Locale.ROOT, "load: psql \\copy (FORMAT binary) to /dev/null %.2f s; Voronka end-to-end load %.2f s"
                        + " (%,.0f rows/s, %.2f of psql's rate); %.2f bytes per event in columns, %.2f of heap after GC"
                        + " (whole store: columns, user keys, dictionaries)%n", psql,
                voronka.loadSeconds(), voronka.events() / voronka.loadSeconds(), psql / voronka.loadSeconds(),
                (double) voronka.store().columnBytes() / voronka.store().eventCount(),
                (double) voronka.heapBytes() / voronka.store().eventCount());
        out.printf(Locale.ROOT, "indexes (part of the load above): built in %.2f thread-seconds, %.2f bytes per event%n",
                voronka.store().indexSeconds(), (double) voronka.store().indexBytes() / voronka.store().eventCount());
        if (only.contains("postgres")) {
            peers.add(new SqlPeer("PostgreSQL", "postgres", DriverManager.getConnection(schemaUrl),
                    "LATERAL chains per request; exact here because the steps' types are disjoint"));
        }
        if (only.contains("duckdb")) {
            peers.add(duckDb(baseUrl, schema));
        }
        if (!only.contains("clickhouse")) {
            out.println("ClickHouse 18 left out (--peers)");
        } else if (ClickHousePeer.binary() == null) {
            out.println("skipped ClickHouse: clickhouse-server is not installed (apt-get install clickhouse-server)");
        } else {
            try (Connection pg = DriverManager.getConnection(baseUrl)) {
                peers.add(ClickHousePeer.start(pg, schema));
            } catch (Exception e) {
                out.println("skipped ClickHouse: it did not start or load: " + e.getMessage());
            }
        }
        if (only.contains("chdb")) {
            addChdb(peers, baseUrl, schema, threads, out);
        }
        for (Peer peer : peers) {
            for (Question q : Question.values()) {
                peer.answer(q);
            }
        }
        out.println("warm-up: every system answered every question once, untimed, before the timed runs");
        Map<String, Map<Question, long[]>> nanos = new LinkedHashMap<>();
        List<String> disagreements = new ArrayList<>();
        for (Question q : Question.values()) {
            Map<String, Double> expected = null;
            for (Peer peer : peers) {
                long[] times = new long[runs];
                Map<String, Double> answer = null;
                for (int r = 0; r < runs; r++) {
                    long t = System.nanoTime();
                    answer = peer.answer(q);
                    times[r] = System.nanoTime() - t;
                }
                nanos.computeIfAbsent(peer.name(), k -> new LinkedHashMap<>()).put(q, times);
                if (expected == null) {
                    expected = answer;
                    continue;
                }
                List<String> diff = Answers.differences(expected, answer);
                if (!diff.isEmpty()) {
                    disagreements.add(peer.name() + " disagrees with Voronka on '" + q.title() + "': "
                            + diff.subList(0, Math.min(5, diff.size())));
                }
            }
        }
        print(out, peers, nanos, runs);
        for (String d : disagreements) {
            out.println("DISAGREEMENT: " + d);
        }
        out.println(disagreements.isEmpty() ? "all systems agree with Voronka on every question"
                : disagreements.size() + " disagreements");
        long store = voronka.store().eventCount();
        double bytes = (double) voronka.store().columnBytes() / store;
        for (Peer p : peers) {
            p.close();
        }
        return new Outcome(nanos, disagreements, voronka.loadSeconds(), psql, store, bytes,
                (double) voronka.heapBytes() / store);
    }

    private static void addChdb(List<Peer> peers, String baseUrl, String schema, int threads, PrintStream out)
            throws Exception {
        String missing = ChdbPeer.ensureInstalled(ChdbPeer.installDir());
        if (missing != null) {
            out.println("skipped chdb (ClickHouse 26): " + missing);
            return;
        }
        long t = System.nanoTime();
        try (Connection pg = DriverManager.getConnection(baseUrl)) {
            peers.add(ChdbPeer.start(pg, schema, DemoCrm.ZONE.getId(), threads));
            out.printf(Locale.ROOT, "chdb (ClickHouse 26, npm) loaded in %.1f s%n", secondsSince(t));
        } catch (Exception e) {
            out.println("skipped chdb (ClickHouse 26): it did not start or load: " + e.getMessage());
        }
    }

    private static Peer duckDb(String baseUrl, String schema) throws Exception {
        Path dir = Files.createTempDirectory("voronka-duckdb");
        try (Connection pg = DriverManager.getConnection(baseUrl)) {
            export(pg, "SELECT * FROM \"" + schema + "\".events", dir.resolve("events.csv"));
            export(pg, "SELECT * FROM \"" + schema + "\".payments", dir.resolve("payments.csv"));
        }
        Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = duck.createStatement()) {
            st.execute("CREATE TABLE events AS SELECT * FROM read_csv('" + dir.resolve("events.csv") + "', header = true,"
                    + " columns = {'event_id': 'INTEGER', '_user_id': 'BIGINT', 'happened_at': 'TIMESTAMP',"
                    + " 'utm_source': 'VARCHAR', 'device': 'VARCHAR', 'operator_group': 'VARCHAR'})");
            st.execute("CREATE TABLE payments AS SELECT * FROM read_csv('" + dir.resolve("payments.csv")
                    + "', header = true, columns = {'transaction_created_at': 'TIMESTAMP', 'transaction_id': 'BIGINT',"
                    + " 'currency': 'VARCHAR', '_user_id': 'BIGINT', 'amount': 'DECIMAL(12,2)', 'is_gift': 'BOOLEAN',"
                    + " 'product': 'VARCHAR'})");
        }
        Files.deleteIfExists(dir.resolve("events.csv"));
        Files.deleteIfExists(dir.resolve("payments.csv"));
        Files.deleteIfExists(dir);
        return new SqlPeer("DuckDB", "duckdb", duck, "ASOF joins per request; exact here because the steps' types"
                + " are disjoint");
    }

    private static void export(Connection pg, String select, Path file) throws Exception {
        try (var out = Files.newOutputStream(file)) {
            pg.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                    .copyOut("COPY (" + select + ") TO STDOUT (FORMAT csv, HEADER)", out);
        }
    }

    /** psql's own binary COPY of the rows Voronka loads, to /dev/null: the rate PostgreSQL can hand a client. */
    private static double psqlCopySeconds(String baseUrl, String schema) throws Exception {
        java.util.Properties p = org.postgresql.Driver.parseURL(baseUrl, null);
        String[] select = {
            "SELECT _user_id, happened_at, event_id, utm_source, device, operator_group FROM \"" + schema + "\".events",
            "SELECT _user_id, transaction_created_at, amount, currency, product FROM \"" + schema
                    + "\".payments WHERE NOT is_gift"};
        long t = System.nanoTime();
        for (String s : select) {
            ProcessBuilder pb = new ProcessBuilder("psql", "-h", p.getProperty("PGHOST"), "-p",
                    p.getProperty("PGPORT"), "-U", p.getProperty("user", "postgres"), "-d", p.getProperty("PGDBNAME"),
                    "-c", "\\copy (" + s + ") TO '/dev/null' (FORMAT binary)");
            pb.environment().put("PGPASSWORD", p.getProperty("password", ""));
            pb.redirectErrorStream(true);
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("psql failed: " + output);
            }
        }
        return secondsSince(t);
    }

    private static void print(PrintStream out, List<Peer> peers, Map<String, Map<Question, long[]>> nanos, int runs) {
        out.printf(Locale.ROOT, "%n%-44s %-11s %10s %10s %14s %9s%n", "question", "system", "min ms", "median ms",
                "events/s", "× Voronka");
        for (Question q : Question.values()) {
            double voronka = median(nanos.get("Voronka").get(q));
            for (Peer peer : peers) {
                long[] t = nanos.get(peer.name()).get(q);
                double med = median(t);
                out.printf(Locale.ROOT, "%-44s %-11s %10.1f %10.1f %14.3g %9.1f%n", q.title(), peer.name(),
                        Arrays.stream(t).min().orElse(0) / 1e6, med / 1e6, peer.events() / (med / 1e9), med / voronka);
            }
        }
        out.println("(" + runs + " runs each; min and median wall time)");
        for (Peer peer : peers) {
            if (!peer.semantics().isEmpty()) {
                out.println(peer.name() + ": " + peer.semantics());
            }
        }
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
