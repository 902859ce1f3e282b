package io.voronka.spark;

import io.voronka.bench.Answers;
import io.voronka.bench.Question;
import io.voronka.bench.SqlPeer;
import io.voronka.dsl.Catalog;
import io.voronka.dsl.QueryParser;
import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The demo CRM as Parquet answered four ways, one engine per run (so each gets the whole machine's memory): the
 * in-memory engine (its store built straight from the generator, the same seed and rows), DuckDB reading the same
 * Parquet with the bench module's SQL and answer maps ({@link SqlPeer}, {@link Answers}), and the Spark backend on a
 * master ({@code local[2]}, or {@code cluster}: a master and two 1-core workers started here as separate JVMs, as
 * in the cluster tests). Every question is asked three times (the best counts). Each run saves its answers next to
 * the Parquet and compares them with the answers earlier runs saved there (cells that differ; zeros dropped, as the
 * bench's side-by-side run compares them). Spark runs print every stage as it completes (the bench phase it belongs
 * to, tasks, wall and task times, rows read, shuffle bytes and times, spills) and the partition builds' split into
 * shuffle fetch + sort and store build. A runner, not a test; the commands are in BENCHMARKS.md.
 *
 * <p>Arguments: {@code DIR EVENTS ENGINE [PARTITIONS [EXECUTOR_MEMORY]]}; ENGINE is {@code memory}, {@code duckdb},
 * a local master such as {@code local[2]}, or {@code cluster}; DIR gets the demo of EVENTS rows if it has none.
 */
final class SparkBench {
    private static final List<Question> QUESTIONS = List.of(Question.FUNNEL_ALL, Question.DAU, Question.RETENTION);
    private static final int RUNS = 3;

    /** What one engine answered, saved for the other runs to compare with. */
    private record Saved(String engine, long events, List<TreeMap<String, Double>> answers) implements Serializable {
    }

    private static volatile String phase = "start";

    private SparkBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        long events = Long.parseLong(args[1].replace("_", ""));
        String engine = args[2];
        int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        String executorMemory = args.length > 4 ? args[4] : "3g";
        System.out.printf(Locale.ROOT, "%s on %s; load average %s%n", engine, dir, load());
        if (!Files.exists(dir.resolve(ParquetDemo.CONFIG_FILE))) {
            long t = System.nanoTime();
            long rows = ParquetDemo.write(dir, new DemoCrm(42, events));
            System.out.printf(Locale.ROOT, "wrote the demo CRM (%,d rows) as Parquet in %.1f s%n", rows, seconds(t));
        }
        Saved saved = switch (engine) {
            case "memory" -> memory(events);
            case "duckdb" -> duckdb(dir);
            default -> spark(dir, engine, partitions, executorMemory);
        };
        compare(dir, saved);
        System.out.printf(Locale.ROOT, "done; load average %s%n", load());
    }

    private static Saved memory(long events) throws Exception {
        long t = System.nanoTime();
        EventStore store = DemoStoreSink.build(42, events, 2);
        System.out.printf(Locale.ROOT, "in-memory store from the generator: %,d events, %,d users in %.1f s; heap used"
                + " %.2f GB%n", store.eventCount(), store.userCount(), seconds(t), heapUsed());
        List<TreeMap<String, Double>> answers = new ArrayList<>();
        try (QueryEngine engine = new QueryEngine(Runtime.getRuntime().availableProcessors())) {
            Catalog catalog = new Catalog(store.types(), store.dimensions().stream().map(Dimension::name).toList());
            for (Question q : QUESTIONS) {
                double best = Double.MAX_VALUE;
                QueryResult r = null;
                for (int run = 0; run < RUNS; run++) {
                    long s = System.nanoTime();
                    r = engine.execute(QueryParser.parse(q.voronka(), catalog), store, null);
                    best = Math.min(best, report("in-memory", q.title(), run, s));
                }
                answers.add(new TreeMap<>(Answers.of(r)));
                best(q, best);
            }
        }
        return new Saved("memory", store.eventCount(), answers);
    }

    private static Saved duckdb(Path dir) throws Exception {
        List<TreeMap<String, Double>> answers = new ArrayList<>();
        long t = System.nanoTime();
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = c.createStatement()) {
            st.execute("SET threads = 2");
            st.execute("SET memory_limit = '4GB'");
            for (String table : List.of("events", "payments")) {
                st.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet('" + dir.resolve(table)
                        + "/*.parquet')");
            }
        }
        try (SqlPeer duck = new SqlPeer("DuckDB", "duckdb", c, "")) {
            System.out.printf(Locale.ROOT, "duckdb: Parquet read into its table ev (%,d rows) in %.1f s; load %s%n",
                    duck.events(), seconds(t), load());
            for (Question q : QUESTIONS) {
                double best = Double.MAX_VALUE;
                Map<String, Double> answer = null;
                for (int run = 0; run < RUNS; run++) {
                    long s = System.nanoTime();
                    answer = duck.answer(q);
                    best = Math.min(best, report("duckdb", q.title(), run, s));
                }
                answers.add(new TreeMap<>(answer));
                best(q, best);
            }
            return new Saved("duckdb", duck.events(), answers);
        }
    }

    private static Saved spark(Path dir, String master, int partitions, String executorMemory) throws Exception {
        boolean onCluster = master.equals("cluster");
        SparkCluster cluster = onCluster ? SparkCluster.start(2, executorMemory) : null;
        SparkSession spark = DemoParquet.session(onCluster ? cluster.masterUrl() : master, executorMemory);
        System.out.printf("stage: phase | id | name | tasks | wall s | task run s | task cpu s | task gc s | rows read"
                + " | shuffle written MB | shuffle write s | shuffle read MB | fetch wait s | spilled MB (disk)%n");
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onStageCompleted(SparkListenerStageCompleted done) {
                System.out.println(stage(done.stageInfo()));
            }
        });
        String tag = "spark-" + (onCluster ? "cluster" : master.replaceAll("[^a-z0-9]", ""));
        try {
            long t = System.nanoTime();
            phase = "open";
            try (SparkBackend backend = SparkBackend.open(spark, DemoParquet.config(dir), partitions)) {
                System.out.printf(Locale.ROOT, "spark %s, %d partitions: read + shuffle + build %.1f s (%,d events,"
                        + " %,d users); load %s%n", master, partitions, seconds(t), backend.eventCount(),
                        backend.userCount(), load());
                long build = 0;
                long sort = 0;
                long slowest = 0;
                for (PartitionStats p : backend.partitions()) {
                    build += p.buildNanos();
                    sort += p.sortNanos();
                    slowest = Math.max(slowest, p.buildNanos());
                }
                System.out.printf(Locale.ROOT, "  partition builds, task time summed: %.1f s, of it %.1f s until the"
                        + " first row (shuffle fetch + sort) and %.1f s building stores; slowest partition %.1f s%n",
                        build / 1e9, sort / 1e9, (build - sort) / 1e9, slowest / 1e9);
                for (RDDInfo cached : spark.sparkContext().getRDDStorageInfo()) {
                    System.out.printf(Locale.ROOT, "  cached %s: %d of %d partitions, %.2f GB in executor memory"
                            + " (Spark's size estimate, %.1f bytes per event)%n", cached.name(),
                            cached.numCachedPartitions(), cached.numPartitions(), cached.memSize() / 1e9,
                            (double) cached.memSize() / backend.eventCount());
                }
                List<TreeMap<String, Double>> answers = new ArrayList<>();
                for (Question q : QUESTIONS) {
                    double best = Double.MAX_VALUE;
                    Map<String, Double> answer = null;
                    for (int run = 0; run < RUNS; run++) {
                        phase = q.name() + " " + (run + 1);
                        long s = System.nanoTime();
                        answer = Answers.of(backend.execute(q.voronka(), null));
                        best = Math.min(best, report("spark", q.title(), run, s));
                    }
                    answers.add(new TreeMap<>(answer));
                    best(q, best);
                }
                return new Saved(tag, backend.eventCount(), answers);
            }
        } finally {
            spark.stop();
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** One completed stage as a line of the table {@link #spark} heads. */
    private static String stage(StageInfo s) {
        TaskMetrics m = s.taskMetrics();
        long wall = (long) s.completionTime().get() - (long) s.submissionTime().get();
        return String.format(Locale.ROOT, "stage: %s | %d | %s | %d | %.2f | %.2f | %.2f | %.2f | %,d | %.1f | %.2f |"
                        + " %.1f | %.2f | %.1f (%.1f)%s", phase, s.stageId(), s.name(), s.numTasks(), wall / 1e3,
                m.executorRunTime() / 1e3, m.executorCpuTime() / 1e9, m.jvmGCTime() / 1e3,
                m.inputMetrics().recordsRead(), m.shuffleWriteMetrics().bytesWritten() / 1e6,
                m.shuffleWriteMetrics().writeTime() / 1e9, m.shuffleReadMetrics().totalBytesRead() / 1e6,
                m.shuffleReadMetrics().fetchWaitTime() / 1e3, m.memoryBytesSpilled() / 1e6,
                m.diskBytesSpilled() / 1e6, s.failureReason().isDefined() ? " FAILED " + s.failureReason().get() : "");
    }

    /** Saves this run's answers in {@code dir} and counts the cells that differ from every other run saved there. */
    private static void compare(Path dir, Saved mine) throws IOException, ClassNotFoundException {
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(dir.resolve("answers-" + mine.engine()
                + ".ser")))) {
            out.writeObject(mine);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches("answers-.*\\.ser")).sorted().toList();
        }
        for (Path f : files) {
            Saved other;
            try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(f))) {
                other = (Saved) in.readObject();
            }
            if (other.engine().equals(mine.engine())) {
                continue;
            }
            System.out.printf(Locale.ROOT, "vs %s (%,d events there, %,d here):", other.engine(), other.events(),
                    mine.events());
            for (int i = 0; i < QUESTIONS.size(); i++) {
                List<String> diff = Answers.differences(other.answers().get(i), mine.answers().get(i));
                System.out.printf(Locale.ROOT, " %s %d of %d cells differ%s;", QUESTIONS.get(i).name(), diff.size(),
                        mine.answers().get(i).size(), diff.isEmpty() ? "" : " " + diff.subList(0, Math.min(3, diff.size())));
            }
            System.out.println();
        }
    }

    private static double report(String engine, String question, int run, long since) {
        double s = seconds(since);
        System.out.printf(Locale.ROOT, "%-9s %-40s run %d %8.3f s; load %s%n", engine, question, run + 1, s, load());
        return s;
    }

    private static void best(Question q, double seconds) {
        System.out.printf(Locale.ROOT, "  best of %d, %s: %.3f s%n", RUNS, q.title(), seconds);
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double heapUsed() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1e9;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
