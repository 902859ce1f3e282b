package io.voronka.bench;

import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.Times;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What merging a refresh's new rows costs: a batch of rows (half from existing users, half from new ones, just
 * after the latest event) merged into the demo store, best of 5, against building the store whole.
 * <pre>java -Xmx8g -cp bench/target/benchmarks.jar io.voronka.bench.RefreshProbe 10000000 10000</pre>
 */
public final class RefreshProbe {
    private RefreshProbe() {
    }

    public static void main(String[] args) {
        long events = Long.parseLong(args[0]);
        int rows = Integer.parseInt(args[1]);
        int threads = Runtime.getRuntime().availableProcessors();
        long start = System.nanoTime();
        EventStore base = DemoStoreSink.build(42, events, threads);
        System.out.printf(Locale.ROOT, "build: %,d events of %,d users in %.2f s (%d segment%s)%n",
                base.eventCount(), base.userCount(), (System.nanoTime() - start) / 1e9, base.segments().size(),
                base.segments().size() == 1 ? "" : "s");
        double best = Double.MAX_VALUE;
        EventStore merged = null;
        for (int run = 0; run < 5; run++) {
            SplittableRandom random = new SplittableRandom(run);
            StoreBuilder b = StoreBuilder.continuing(base);
            int source = b.source("events");
            long latest = Times.toEpochSecond(base.maxTime());
            long t0 = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                int user = i % 2 == 0 ? b.users().internText(base.users().key(random.nextInt(base.userCount())))
                        : b.users().internLong(9_000_000_000L + run * 1_000_000L + i);
                b.append(source, user, b.types().codeForId(3 + random.nextInt(2)), latest + random.nextInt(600));
            }
            merged = b.mergeInto(base, threads);
            double seconds = (System.nanoTime() - t0) / 1e9;
            best = Math.min(best, seconds);
            long indexNanos = 0;
            for (Segment segment : merged.segments()) {
                if (!base.segments().contains(segment)) {
                    indexNanos += segment.index().buildNanos();
                }
            }
            // the rewritten segments' indexes are built again (issue 16): thread time, part of the merge
            System.out.printf(Locale.ROOT, "merge of %,d rows: %.3f s (index of rewritten segments: %.3f thread-s)%n",
                    rows, seconds, indexNanos / 1e9);
        }
        System.out.printf(Locale.ROOT, "best merge of %,d rows into %,d events: %.3f s; result %,d events of %,d users%n",
                rows, base.eventCount(), best, merged.eventCount(), merged.userCount());
    }
}
