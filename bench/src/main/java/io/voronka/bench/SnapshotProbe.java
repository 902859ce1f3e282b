package io.voronka.bench;

import io.voronka.dsl.Catalog;
import io.voronka.dsl.QueryException;
import io.voronka.dsl.QueryParser;
import io.voronka.dsl.Warmup;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.snapshot.SnapshotProgress;
import io.voronka.engine.snapshot.SnapshotStorage;
import io.voronka.engine.query.Query;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Start-up from a snapshot against building the store, and what a store costs in heap and RSS per event.
 * <pre>
 * java $CHRONICLE_FLAGS -Xmx12g -cp bench/target/benchmarks.jar io.voronka.bench.SnapshotProbe write  DIR EVENTS
 * java $CHRONICLE_FLAGS -Xmx12g -cp bench/target/benchmarks.jar io.voronka.bench.SnapshotProbe reopen DIR
 * </pre>
 * {@code write} generates the demo CRM in memory (the in-heap store a full load builds), reports its heap and RSS
 * per event and the seed funnel warm, then writes a snapshot. {@code reopen}, in a fresh JVM, times the reopen to a
 * store ready to answer (with {@link Warmup} beside it and then on a sample of the store, as the server does; each
 * file's progress line gives the wall time and the reporting thread's CPU time), then the first seed funnel as a
 * user sends it (text parsed, then evaluated: both timed, with the minor page faults) and the warm one, then opens
 * the user-key map (the first lookup by key) and reports heap and RSS per event. Add
 * {@code -XX:+UseTransparentHugePages} to measure with huge pages (BENCHMARKS.md).
 */
public final class SnapshotProbe {
    /**
     * {@code -Dprobe.warmup=false} reopens without {@link Warmup} (the product warms up, see ConfiguredSource);
     * {@code -Dprobe.warmupRounds=N} caps the rounds of its first phase; {@code -Dprobe.sample=false} leaves its
     * second phase (on a sample of the reopened store) out.
     */
    private static final boolean WARM_UP = !"false".equals(System.getProperty("probe.warmup"));

    private SnapshotProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        long heapBefore = heapAfterGc();
        long rssBefore = rss();
        if (args[0].equals("write")) {
            long start = System.nanoTime();
            EventStore store = DemoStoreSink.build(42, Long.parseLong(args[2]), Runtime.getRuntime()
                    .availableProcessors());
            double build = seconds(start);
            report("in-heap store", store, build, heapBefore, rssBefore);
            queries(store);
            start = System.nanoTime();
            SnapshotStorage.at(dir).write(new Snapshot(store, List.of(), Instant.now()), "probe", SnapshotProgress.NONE);
            System.out.printf(Locale.ROOT, "snapshot write: %.2f s, %,d bytes on disk%n", seconds(start), size(dir));
        } else {
            long start = System.nanoTime();
            long t0 = start;
            SnapshotProgress steps = (step, bytes) -> System.out.printf(Locale.ROOT,
                    "  %-26s %,14d bytes at %6.0f ms (%s, %,.0f ms of CPU so far)%n", step, bytes,
                    (System.nanoTime() - t0) / 1e6, Thread.currentThread().getName(),
                    ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e6);
            String rounds = System.getProperty("probe.warmupRounds");
            Warmup warmup = !WARM_UP ? null : rounds == null ? Warmup.start() : Warmup.start(Integer.parseInt(rounds));
            Snapshot snapshot = SnapshotStorage.at(dir).open("probe", steps).orElseThrow();
            int warmed = warmup == null ? 0 : warmup.finish();
            long sampled = System.nanoTime();
            int sampleRounds = warmup == null || "false".equals(System.getProperty("probe.sample")) ? 0
                    : Warmup.onSample(snapshot.store());
            double ready = seconds(start);
            System.out.printf(Locale.ROOT, "warm-up beside the reopen: %s; on a sample of the store: %d rounds in "
                    + "%.0f ms; JIT compilations queued at ready: %d%n", warmup == null ? "off" : warmed
                    + " rounds of " + Warmup.class.getSimpleName() + "'s queries", sampleRounds,
                    (System.nanoTime() - sampled) / 1e6, Warmup.pendingCompilations());
            System.out.printf(Locale.ROOT, "reopened: ready to answer in %.2f s (process CPU time since start of "
                    + "JVM %.2f s, load average %.1f)%n", ready, ((com.sun.management.OperatingSystemMXBean)
                    ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            queries(snapshot.store());
            EventStore store = snapshot.store();
            store.users().find(store.users().key(0));
            System.out.printf(Locale.ROOT, "user-key map open at %.2f s%n", seconds(start));
            report("reopened store", store, ready, heapBefore, rssBefore);
            if (args.length > 2) {
                Thread.sleep(Long.parseLong(args[2]));    // time to take a heap histogram (jcmd PID GC.class_histogram)
            }
        }
    }

    private static void report(String what, EventStore store, double seconds, long heapBefore, long rssBefore) {
        long heap = heapAfterGc() - heapBefore;
        long rss = rss() - rssBefore;
        double n = store.eventCount();
        System.out.printf(Locale.ROOT, "%s: %,d events of %,d users ready in %.2f s; heap after GC %.1f B/event "
                        + "(columns %.1f, index %.1f, user keys on heap %.1f); RSS growth %.1f B/event%n", what,
                store.eventCount(), store.userCount(), seconds, heap / n, store.columnBytes() / n,
                store.indexBytes() / n, store.users().approximateBytes() / n, rss / n);
    }

    /**
     * The seed funnel as a user sends it, text parsed then evaluated: the first time in this JVM (split into parse
     * and evaluation), then warm (best of 7, parse included).
     */
    private static void queries(EventStore store) {
        try (QueryEngine engine = new QueryEngine(Runtime.getRuntime().availableProcessors())) {
            Catalog catalog = new Catalog(store.types(), store.dimensions().stream().map(Dimension::name).toList());
            long faults = minorFaults();
            long start = System.nanoTime();
            Query query = parse(catalog);
            double parse = seconds(start);
            long evaluated = System.nanoTime();
            engine.execute(query, store);
            double evaluate = seconds(evaluated);
            double first = seconds(start);
            long firstFaults = minorFaults() - faults;
            faults = minorFaults();
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 7; i++) {
                start = System.nanoTime();
                engine.execute(parse(catalog), store);
                best = Math.min(best, seconds(start));
            }
            System.out.printf(Locale.ROOT, "seed funnel '%s': first %.0f ms (parse %.0f, evaluate %.0f), warm best "
                    + "of 7 %.0f ms, first/warm %.2f; minor page faults: first %,d, the 7 warm %,d%n",
                    Question.FUNNEL_ALL.voronka(), first * 1e3, parse * 1e3, evaluate * 1e3, best * 1e3, first / best,
                    firstFaults, minorFaults() - faults);
        }
    }

    private static Query parse(Catalog catalog) {
        try {
            return QueryParser.parse(Question.FUNNEL_ALL.voronka(), catalog);
        } catch (QueryException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resident set size of this process from /proc (Linux), 0 elsewhere. */
    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Minor page faults of this process so far, from /proc (Linux), 0 elsewhere. */
    private static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long size(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
