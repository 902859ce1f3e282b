package io.voronka.bench;

import io.voronka.dsl.Catalog;
import io.voronka.dsl.QueryParser;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.query.Query;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.snapshot.SnapshotProgress;
import io.voronka.engine.snapshot.SnapshotStorage;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Warm query times on a reopened snapshot, for comparing two builds of the engine on the same store: run it with one
 * jar, then the other, alternating, and compare the medians as ratios.
 * <pre>
 * java $CHRONICLE_FLAGS -Xmx8g -cp bench/target/benchmarks.jar io.voronka.bench.QueryProbe DIR [ROUNDS [QUESTION...]]
 * </pre>
 * Every {@link Question} runs 3 times to warm up, then ROUNDS times (default 9) in turn with the others; the line per
 * question gives the best and the median wall time and the median CPU time of the whole process (all query threads,
 * also GC and JIT) in milliseconds: on a machine shared with other work, CPU time varies less than wall time.
 * QUESTION names ({@link Question}, e.g. {@code REVENUE}) run only those.
 */
public final class QueryProbe {
    private QueryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Snapshot snapshot = SnapshotStorage.at(Path.of(args[0])).open("probe", SnapshotProgress.NONE).orElseThrow();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        EventStore store = snapshot.store();
        Catalog catalog = new Catalog(store.types(), store.dimensions().stream().map(Dimension::name).toList());
        Question[] questions = args.length > 2
                ? Arrays.stream(args, 2, args.length).map(Question::valueOf).toArray(Question[]::new)
                : Question.values();
        Query[] queries = new Query[questions.length];
        for (int q = 0; q < questions.length; q++) {
            queries[q] = QueryParser.parse(questions[q].voronka(), catalog);
        }
        double[][] ms = new double[questions.length][rounds];
        double[][] cpu = new double[questions.length][rounds];
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        try (QueryEngine engine = new QueryEngine(Runtime.getRuntime().availableProcessors())) {
            for (int r = -3; r < rounds; r++) {
                for (int q = 0; q < questions.length; q++) {
                    long cpuStart = os.getProcessCpuTime();
                    long start = System.nanoTime();
                    engine.execute(queries[q], store);
                    if (r >= 0) {
                        ms[q][r] = (System.nanoTime() - start) / 1e6;
                        cpu[q][r] = (os.getProcessCpuTime() - cpuStart) / 1e6;
                    }
                }
            }
        }
        for (int q = 0; q < questions.length; q++) {
            double[] t = ms[q].clone();
            Arrays.sort(t);
            double[] c = cpu[q].clone();
            Arrays.sort(c);
            System.out.printf(Locale.ROOT, "%-45s best %8.1f ms  median %8.1f ms  cpu median %8.1f ms%n",
                    questions[q].voronka(), t[0], t[t.length / 2], c[c.length / 2]);
        }
    }
}
