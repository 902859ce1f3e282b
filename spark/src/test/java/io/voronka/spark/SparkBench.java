package io.voronka.spark;

import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.bench.Answers;
import io.voronka.bench.Question;
import io.voronka.bench.SqlPeer;
import io.voronka.dsl.Catalog;
import io.voronka.dsl.QueryParser;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo CRM as Parquet answered three ways: the in-memory engine (built straight from the generator), the Spark
 * backend on a master ({@code local[2]}, or {@code cluster}: a master and two 1-core workers started here as in the
 * cluster tests), and DuckDB reading the same Parquet with the
 * bench module's SQL and answer maps ({@link SqlPeer}, {@link Answers}). Prints the times, Spark's time per stage,
 * and how many answer cells differ (zeros dropped, as the bench's side-by-side run compares them). A runner, not a test;
 * the command is in BENCHMARKS.md.
 */
final class SparkBench {
    private static final List<Question> QUESTIONS = List.of(Question.FUNNEL_ALL, Question.DAU, Question.RETENTION);

    private SparkBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(args[0]);
        String master = args[1];
        int partitions = Integer.parseInt(args[2]);
        long start = System.nanoTime();
        DemoParquet demo = new DemoParquet(events);
        System.out.printf(Locale.ROOT, "demo CRM, %,d rows: Parquet + in-memory store ready in %.1f s%n", events,
                seconds(start));
        List<Map<String, Double>> memory = new ArrayList<>();
        try (QueryEngine engine = new QueryEngine(Runtime.getRuntime().availableProcessors())) {
            EventStore store = demo.reference;
            Catalog catalog = new Catalog(store.types(), store.dimensions().stream().map(Dimension::name).toList());
            for (Question q : QUESTIONS) {
                QueryResult r = null;
                for (int run = 0; run < 3; run++) {
                    long t = System.nanoTime();
                    r = engine.execute(QueryParser.parse(q.voronka(), catalog), store, null);
                    System.out.printf(Locale.ROOT, "in-memory %-40s %8.3f s%n", q.title(), seconds(t));
                }
                memory.add(Answers.of(r));
            }
        }
        List<Map<String, Double>> duck = duckdb(demo.dir);
        List<String[]> stages = new ArrayList<>();
        SparkCluster cluster = master.equals("cluster") ? SparkCluster.start(2) : null;
        SparkSession spark = DemoParquet.session(cluster == null ? master : cluster.masterUrl());
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onStageCompleted(SparkListenerStageCompleted done) {
                StageInfo s = done.stageInfo();
                long ms = (long) s.completionTime().get() - (long) s.submissionTime().get();
                synchronized (stages) {
                    stages.add(new String[]{s.name(), Integer.toString(s.numTasks()), Long.toString(ms),
                            Long.toString(s.taskMetrics().executorRunTime()),
                            Long.toString(s.taskMetrics().shuffleWriteMetrics().bytesWritten())});
                }
            }
        });
        try {
            long t = System.nanoTime();
            try (SparkBackend backend = SparkBackend.open(spark, demo.config(), partitions)) {
                System.out.printf(Locale.ROOT, "spark %s, %d partitions: read + shuffle + build %.1f s (%,d events)%n",
                        master, partitions, seconds(t), backend.eventCount());
                long build = backend.partitions().stream().mapToLong(PartitionStats::buildNanos).sum();
                System.out.printf(Locale.ROOT, "  building the partition stores: %.1f s of task time in all%n",
                        build / 1e9);
                for (int i = 0; i < QUESTIONS.size(); i++) {
                    Map<String, Double> answer = null;
                    for (int run = 0; run < 3; run++) {
                        long q = System.nanoTime();
                        answer = Answers.of(backend.execute(QUESTIONS.get(i).voronka(), null));
                        System.out.printf(Locale.ROOT, "spark     %-40s %8.3f s%n", QUESTIONS.get(i).title(), seconds(q));
                    }
                    List<String> vsMemory = Answers.differences(memory.get(i), answer);
                    List<String> vsDuck = Answers.differences(duck.get(i), answer);
                    System.out.printf("  differences from in-memory: %s; from DuckDB: %s%n", vsMemory.size(),
                            vsDuck.size() + (vsDuck.isEmpty() ? "" : " " + vsDuck.subList(0, Math.min(3, vsDuck.size()))));
                }
            }
        } finally {
            spark.stop();
            demo.close();
            if (cluster != null) {
                cluster.close();
            }
        }
        System.out.println("stages (name, tasks, wall ms, executor run ms summed over tasks, shuffle bytes written):");
        for (String[] s : stages) {
            System.out.println("  " + String.join(" | ", s));
        }
    }

    private static List<Map<String, Double>> duckdb(Path dir) throws Exception {
        List<Map<String, Double>> out = new ArrayList<>();
        long t = System.nanoTime();
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = c.createStatement()) {
            for (String table : List.of("events", "payments")) {
                st.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet('" + dir.resolve(table)
                        + "/*.parquet')");
            }
        }
        try (SqlPeer duck = new SqlPeer("DuckDB", "duckdb", c, "")) {
            System.out.printf(Locale.ROOT, "duckdb    %-40s %8.3f s%n", "read Parquet into a table", seconds(t));
            for (Question q : QUESTIONS) {
                t = System.nanoTime();
                out.add(duck.answer(q));
                System.out.printf(Locale.ROOT, "duckdb    %-40s %8.3f s%n", q.title(), seconds(t));
            }
        }
        return out;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
