package io.voronka.bench;

import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.snapshot.SnapshotProgress;
import io.voronka.engine.snapshot.SnapshotStorage;
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
 * store ready to answer, reports heap and RSS per event, then the first seed funnel and the warm one.
 */
public final class SnapshotProbe {
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
            SnapshotProgress steps = (step, bytes) -> System.out.printf(Locale.ROOT, "  %-20s %,14d bytes at %6.0f ms (%s)%n",
                    step, bytes, (System.nanoTime() - t0) / 1e6, Thread.currentThread().getName());
            Snapshot snapshot = SnapshotStorage.at(dir).open("probe", steps).orElseThrow();
            double ready = seconds(start);
            System.out.printf(Locale.ROOT, "reopened: ready to answer in %.2f s%n", ready);
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

    private static void queries(EventStore store) {
        try (QueryEngine engine = new QueryEngine(Runtime.getRuntime().availableProcessors())) {
            long start = System.nanoTime();
            engine.execute(KernelBenchmarks.seedFunnel(), store);
            double first = seconds(start);
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 7; i++) {
                start = System.nanoTime();
                engine.execute(KernelBenchmarks.seedFunnel(), store);
                best = Math.min(best, seconds(start));
            }
            System.out.printf(Locale.ROOT, "seed funnel: first %.0f ms, warm best of 7 %.0f ms%n", first * 1e3,
                    best * 1e3);
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

    private static long size(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
