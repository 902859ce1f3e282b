package io.voronka.engine.eval;

import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.UserPredicate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Supplier;

/**
 * The one scan every evaluator uses: each segment is cut into user ranges (about eight per thread, so uneven
 * users even out) run in parallel; each range gets a fresh tally and is handed to the kernel in blocks of
 * {@value #BLOCK} users, with the deadline checked between blocks; the tallies are merged in range order, so
 * answers do not depend on the number of threads. A store {@link EventStore#restrictedTo restricted} by a user filter
 * hands the kernel only the runs of users it keeps. If one range fails, the others are stopped through the
 * deadline and the first failure is thrown.
 */
public final class UserScan {
    /** Users per kernel call: the deadline is checked this often. */
    public static final int BLOCK = 4096;

    /** The per-user work of an evaluator over users {@code [fromUser, toUser)} (segment-local) of one segment. */
    @FunctionalInterface
    public interface Kernel<T> {
        void users(Segment segment, int fromUser, int toUser, T tally);
    }

    /** A partial answer over some users; partial answers of disjoint users add up. */
    public interface Tally<T extends Tally<T>> {
        void add(T other);
    }

    private final ForkJoinPool pool;

    public UserScan(ForkJoinPool pool) {
        this.pool = pool;
    }

    public int parallelism() {
        return pool.getParallelism();
    }

    /** Runs {@code kernel} over every user of {@code store}; returns the merged tally. */
    public <T extends Tally<T>> T run(EventStore store, Deadline deadline, Supplier<T> newTally, Kernel<T> kernel) {
        List<ForkJoinTask<T>> tasks = new ArrayList<>();
        int chunksPerSegment = Math.max(1, pool.getParallelism() * 8);
        final UserPredicate selection = store.selection();
        for (Segment segment : store.segments()) {
            int users = segment.userCount();
            int chunks = Math.max(1, Math.min(users, chunksPerSegment));
            for (int c = 0; c < chunks; c++) {
                int from = (int) ((long) users * c / chunks);
                int to = (int) ((long) users * (c + 1) / chunks);
                tasks.add(pool.submit(() -> range(segment, from, to, deadline, newTally.get(), kernel, selection)));
            }
        }
        T total = null;
        RuntimeException failure = null;
        for (ForkJoinTask<T> t : tasks) {
            try {
                T part = t.join();
                if (total == null) {
                    total = part;
                } else {
                    total.add(part);
                }
            } catch (RuntimeException e) {
                deadline.cancel();
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return total == null ? newTally.get() : total;
    }

    private static <T> T range(Segment segment, int from, int to, Deadline deadline, T tally, Kernel<T> kernel,
                               UserPredicate selection) {
        for (int block = from; block < to; block += BLOCK) {
            deadline.check();
            int end = Math.min(to, block + BLOCK);
            if (selection == UserPredicate.ALL) {
                kernel.users(segment, block, end, tally);
            } else {
                selected(segment, block, end, tally, kernel, selection);
            }
        }
        return tally;
    }

    /** Hands the kernel each run of consecutive users the selection keeps (a user filter). */
    private static <T> void selected(Segment segment, int from, int to, T tally, Kernel<T> kernel,
                                     UserPredicate selection) {
        int u = from;
        while (u < to) {
            while (u < to && !selection.test(segment, u)) {
                u++;
            }
            int runStart = u;
            while (u < to && selection.test(segment, u)) {
                u++;
            }
            if (runStart < u) {
                kernel.users(segment, runStart, u, tally);
            }
        }
    }
}
