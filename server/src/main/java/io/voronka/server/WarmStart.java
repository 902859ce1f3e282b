package io.voronka.server;

import io.voronka.dsl.Warmup;
import io.voronka.engine.snapshot.Snapshot;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A serving process's start with the {@link Warmup}: its first phase beside the snapshot reopen, its second on the
 * store read (large stores only), so the first query a user sends finds the parser and kernels compiled for this
 * data. A one-off query ({@code voronka query}) skips the second phase: it would cost more than it saves.
 */
final class WarmStart {
    private WarmStart() {
    }

    /**
     * Runs {@code read} (a reopen; it may return null) with the first phase beside it, then the second phase if
     * {@code sample}.
     */
    static Snapshot read(Supplier<Snapshot> read, boolean sample, PrintStream progress) {
        Warmup warmup = Warmup.start();    // parser and kernels warm up while the snapshot is read
        Snapshot snapshot;
        try {
            snapshot = read.get();
        } finally {
            warmup.finish();
        }
        if (snapshot != null && sample) {
            onSample(snapshot, progress);
        }
        return snapshot;
    }

    /** The second phase on {@code snapshot}'s store, with one line on how long it took when it ran. */
    static void onSample(Snapshot snapshot, PrintStream progress) {
        long start = System.nanoTime();
        int rounds = Warmup.onSample(snapshot.store(), HttpApi::renderForWarmUp);
        if (rounds > 0) {
            progress.printf(Locale.ROOT, "warm-up: %d rounds of queries on a sample of the store, %.2f s%n", rounds,
                    (System.nanoTime() - start) / 1e9);
        }
    }
}
