package io.voronka.engine.eval;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.UserPredicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Supplier;

/**
 * The one scan every evaluator uses: each segment is cut into user ranges (about eight per thread, so uneven
 * users even out) run in parallel; each range gets a fresh tally and is handed to the kernel in blocks of
 * {@value #BLOCK} users, with the deadline checked between blocks; the tallies are merged in range order, so
 * answers do not depend on the number of threads. A store {@link EventStore#restrictedTo restricted} by a user filter
 * hands the kernel only the runs of users it keeps. Every task's tally is alive until merged, so when tallies are
 * large (a breakdown by a dimension with many values) fewer tasks run, each over several ranges, to stay within the
 * query's memory budget. If one range fails, the others are stopped through the
 * deadline and the first failure is thrown.
 */
public final class UserScan {
    /** Users per kernel call: the deadline is checked this often. */
    public static final int BLOCK = 4096;
    /** The tallies of one query may hold at most 1/this of the maximum heap at once. */
    public static final int TALLY_HEAP_SHARE = 4;
    /** Tallies larger than this (bytes) get one task per thread instead of about eight. */
    static final long LARGE_TALLY = 1 << 20;

    /** The per-user work of an evaluator over users {@code [fromUser, toUser)} (segment-local) of one segment. */
    @FunctionalInterface
    public interface Kernel<T> {
        void users(Segment segment, int fromUser, int toUser, T tally);
    }

    /** A partial answer over some users; partial answers of disjoint users add up. */
    public interface Tally<T extends Tally<T>> {
        void add(T other);

        /** Bytes this tally holds (its per-cell arrays), counted against the query's memory budget. */
        long bytes();
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
        T first = newTally.get();
        List<Range> ranges = split(store);
        // memory (issue 11): every task's tally is alive until merged, so tasks are capped by the tally budget
        int taskCount = Math.max(1, Math.min(ranges.size(), liveTallies(first.bytes())));
        if (first.bytes() > LARGE_TALLY) {
            // allocating and merging a large tally per range costs more than uneven ranges do: one task per thread
            taskCount = Math.min(taskCount, pool.getParallelism());
        }
        List<ForkJoinTask<T>> tasks = new ArrayList<>();
        final UserPredicate selection = store.selection();
        for (int t = 0; t < taskCount; t++) {
            List<Range> mine = ranges.subList(ranges.size() * t / taskCount, ranges.size() * (t + 1) / taskCount);
            T tally = t == 0 ? first : null;
            tasks.add(pool.submit(() -> ranges(mine, deadline, tally == null ? newTally.get() : tally, kernel,
                    selection)));
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
        return total == null ? first : total;
    }

    /**
     * How many tallies of {@code bytes} each one query may hold at once: the tallies of one query may use
     * {@code 1/}{@value #TALLY_HEAP_SHARE} of the maximum heap; too_large when even one does not fit.
     */
    public static int liveTallies(long bytes) {
        long budget = Runtime.getRuntime().maxMemory() / TALLY_HEAP_SHARE;
        if (bytes > budget) {
            throw new VoronkaException(ErrorKind.TOO_LARGE, String.format(Locale.ROOT, "the question needs %,d MB"
                    + " of counters (its groups × buckets), more than the %,d MB one query may use; keep the largest"
                    + " groups with 'top K', use a coarser bucket or a shorter range", bytes >> 20, budget >> 20));
        }
        return (int) Math.min(Integer.MAX_VALUE, budget / Math.max(1, bytes));
    }

    /** Users {@code [from, to)} of one segment. */
    private record Range(Segment segment, int from, int to) {
    }

    /** Each segment cut into about eight ranges per thread, in store order. */
    private List<Range> split(EventStore store) {
        List<Range> out = new ArrayList<>();
        int chunksPerSegment = Math.max(1, pool.getParallelism() * 8);
        for (Segment segment : store.segments()) {
            int users = segment.userCount();
            int chunks = Math.max(1, Math.min(users, chunksPerSegment));
            for (int c = 0; c < chunks; c++) {
                out.add(new Range(segment, (int) ((long) users * c / chunks), (int) ((long) users * (c + 1) / chunks)));
            }
        }
        return out;
    }

    private static <T> T ranges(List<Range> ranges, Deadline deadline, T tally, Kernel<T> kernel,
                                UserPredicate selection) {
        for (Range r : ranges) {
            range(r.segment(), r.from(), r.to(), deadline, tally, kernel, selection);
        }
        return tally;
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
