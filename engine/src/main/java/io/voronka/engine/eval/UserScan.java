package io.voronka.engine.eval;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SegmentIndex;
import io.voronka.engine.store.UserPredicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Supplier;

/**
 * The one scan every evaluator uses. Per segment the planner picks how users are visited ({@link Access}): every
 * user, only users whose type mask meets the query's {@link Need}, or only users in the time blocks that overlap it.
 * The work is cut into ranges (about eight per thread, so uneven users even out) run in parallel; each range gets a
 * fresh tally and hands the kernel blocks of up to {@value #BLOCK} users, with the deadline checked between blocks;
 * the tallies are merged in range order, so answers do not depend on the number of threads. A store
 * {@link EventStore#restrictedTo restricted} by a user filter hands the kernel only the users it keeps. Every task's tally is alive until
 * merged, so when tallies are large (a breakdown by a dimension with many values) fewer tasks run, each over several
 * ranges, to stay within the query's memory budget (issue 11). If one range fails, the others are stopped through the
 * deadline and the first failure is thrown.
 */
public final class UserScan {
    /** Users per kernel call: the deadline is checked this often. */
    public static final int BLOCK = 4096;
    /** The time index is used when it leaves fewer than 1 in this many users to test (its visits are random). */
    static final int TIME_INDEX_RATIO = 8;
    /** The type masks are used when a sample says at most this share of users may have a needed type. */
    static final double TYPE_MASK_SHARE = 0.9;
    /** The tallies of one query may hold at most 1/this of the maximum heap at once. */
    public static final int TALLY_HEAP_SHARE = 4;
    /** Tallies larger than this (bytes) get one task per thread instead of about eight. */
    static final long LARGE_TALLY = 1 << 20;

    /**
     * The users of one kernel call (segment-local ids): a contiguous range or a list. One per task, reused.
     * Kernels loop {@code for (i = 0; i < size(); i++) { u = user(i); … }}.
     */
    public static final class Users {
        private int from;
        private int[] list;
        private int size;

        public int size() {
            return size;
        }

        public int user(int i) {
            return list == null ? from + i : list[i];
        }

        /** Users {@code [from, to)}, as a range. */
        public static Users range(int from, int to) {
            Users users = new Users();
            users.from = from;
            users.size = to - from;
            return users;
        }
    }

    /** The per-user work of an evaluator over some users of one segment. */
    @FunctionalInterface
    public interface Kernel<T> {
        void users(Segment segment, Users users, T tally);
    }

    /** Per-event work over positions {@code list[from..to)} of one segment (events of needed types). */
    @FunctionalInterface
    public interface PositionKernel<T> {
        void positions(Segment segment, int[] list, int from, int to, T tally);
    }

    /** Positions per kernel call when a query reads postings. */
    static final int POSITIONS_BLOCK = 1 << 16;

    /** Per-user work over a run of consecutive users {@code [fromUser, toUser)} (segment-local) of one segment. */
    @FunctionalInterface
    public interface RangeKernel<T> {
        void users(Segment segment, int fromUser, int toUser, T tally);
    }

    /** A partial answer over some users; partial answers of disjoint users add up. */
    public interface Tally<T extends Tally<T>> {
        void add(T other);

        /** Bytes this tally holds (its per-cell arrays), counted against the query's memory budget. */
        long bytes();
    }

    private final ForkJoinPool pool;
    private final Planning planning;

    /** @param pool the threads of one query, or null to run each query in its caller's thread */
    public UserScan(ForkJoinPool pool, Planning planning) {
        this.pool = pool;
        this.planning = planning;
    }

    /** Threads one query uses: the pool's, or 1 when it runs in the caller's thread (no pool). */
    public int parallelism() {
        return pool == null ? 1 : pool.getParallelism();
    }

    /** A scan that visits every user (no index): for evaluators that do not declare what they need. */
    public UserScan(ForkJoinPool pool) {
        this(pool, Planning.SCAN);
    }

    /**
     * Runs {@code kernel} over every user the store's selection keeps, in runs of consecutive users: for evaluators
     * whose kernels take user ranges and need every user.
     */
    public <T extends Tally<T>> T run(EventStore store, Deadline deadline, Supplier<T> newTally, RangeKernel<T> kernel) {
        return run(store, deadline, Need.EVERYONE, ScanTrace.OFF, newTally, (segment, users, tally) -> {
            int i = 0;
            int n = users.size();
            while (i < n) {
                int start = users.user(i);
                int end = start + 1;
                i++;
                while (i < n && users.user(i) == end) {
                    end++;
                    i++;
                }
                kernel.users(segment, start, end, tally);
            }
        });
    }

    /** Whether kernels may take index shortcuts (type masks of the users they visit). */
    public boolean indexed() {
        return planning == Planning.INDEX;
    }

    /** Runs {@code kernel} over every user of {@code store} that may meet {@code need}; returns the merged tally. */
    public <T extends Tally<T>> T run(EventStore store, Deadline deadline, Need need, ScanTrace trace,
                                      Supplier<T> newTally, Kernel<T> kernel) {
        long start = System.nanoTime();
        List<Work<T>> work = new ArrayList<>();
        int chunksPerSegment = pool == null ? 1 : Math.max(1, pool.getParallelism() * 8);
        final UserPredicate selection = store.selection();
        List<Segment> segments = store.segments();
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            final int id = s;
            int users = segment.userCount();
            Need segmentNeed = withinSegment(segment, need);
            Access access = choose(segment, segmentNeed, trace, id);
            if (access == Access.TIME_INDEX) {
                int[] blocks = overlappingBlocks(segment.index(), segmentNeed);
                int chunks = Math.max(1, Math.min(blocks.length, chunksPerSegment));
                for (int c = 0; c < chunks; c++) {
                    int from = (int) ((long) blocks.length * c / chunks);
                    int to = (int) ((long) blocks.length * (c + 1) / chunks);
                    work.add(tally -> timeBlocks(segment, id, blocks, from, to, segmentNeed, selection, deadline,
                            trace, tally, kernel));
                }
                continue;
            }
            int chunks = Math.max(1, Math.min(users, chunksPerSegment));
            boolean masked = access == Access.TYPE_MASK || selection != UserPredicate.ALL;
            for (int c = 0; c < chunks; c++) {
                int from = (int) ((long) users * c / chunks);
                int to = (int) ((long) users * (c + 1) / chunks);
                work.add(tally -> masked
                        ? maskedRange(segment, id, from, to, segmentNeed, selection, deadline, trace, tally, kernel)
                        : range(segment, id, from, to, deadline, trace, tally, kernel));
            }
        }
        return execute(work, deadline, trace, start, newTally);
    }

    /** One piece of a scan (a user range, some time blocks, some postings) adding to the tally it is given. */
    @FunctionalInterface
    private interface Work<T> {
        T into(T tally);
    }

    /**
     * Runs the pieces as tasks and merges their tallies in order. Every task's tally is alive until merged, so
     * tasks are capped by the tally budget (issue 11): each task then runs several consecutive pieces into one tally.
     */
    private <T extends Tally<T>> T execute(List<Work<T>> work, Deadline deadline, ScanTrace trace, long start,
                                           Supplier<T> newTally) {
        long planned = System.nanoTime();
        T first = newTally.get();
        int taskCount = Math.max(1, Math.min(work.size(), liveTallies(first.bytes())));
        if (first.bytes() > LARGE_TALLY) {
            // allocating and merging a large tally per range costs more than uneven ranges do: one task per thread
            taskCount = Math.min(taskCount, parallelism());
        }
        List<ForkJoinTask<T>> tasks = new ArrayList<>();
        for (int t = 0; t < taskCount; t++) {
            List<Work<T>> mine = work.subList(work.size() * t / taskCount, work.size() * (t + 1) / taskCount);
            final T given = t == 0 ? first : null;
            tasks.add(submit(() -> {
                T tally = given == null ? newTally.get() : given;
                for (Work<T> piece : mine) {
                    piece.into(tally);
                }
                return tally;
            }));
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
        trace.phases(planned - start, System.nanoTime() - planned);
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

    /**
     * Runs {@code kernel} over the positions of the events of {@code types} (type codes) in every segment, from the
     * index's postings: for queries that look at single events of rare types and need no user's other events. The
     * caller checks {@link #postingsCover} first.
     */
    public <T extends Tally<T>> T runPostings(EventStore store, Deadline deadline, int[] types, ScanTrace trace,
                                              Supplier<T> newTally, PositionKernel<T> kernel) {
        long start = System.nanoTime();
        List<Work<T>> work = new ArrayList<>();
        List<Segment> segments = store.segments();
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            long positions = 0;
            for (int type : types) {
                int[] list = segment.index().postings(type);
                positions += list.length;
                for (int from = 0; from < list.length; from += POSITIONS_BLOCK) {
                    final int lo = from;
                    final int hi = Math.min(list.length, from + POSITIONS_BLOCK);
                    work.add(tally -> {
                        deadline.check();
                        kernel.positions(segment, list, lo, hi, tally);
                        return tally;
                    });
                }
            }
            trace.segment(s, Access.POSTINGS, "the query reads single events of rare types: their positions are kept",
                    segment.userCount(), segment.eventCount());
            trace.counted(s, 0, 0, positions);
        }
        return execute(work, deadline, trace, start, newTally);
    }

    /** Whether every segment keeps the postings of every type in {@code types} (index use on, no user filter). */
    public boolean postingsCover(EventStore store, int[] types) {
        if (planning != Planning.INDEX || types.length == 0 || store.selection() != UserPredicate.ALL) {
            return false;
        }
        for (Segment segment : store.segments()) {
            for (int type : types) {
                if (!segment.index().hasPostings(type)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** On the pool, or at once in this thread when there is none. */
    private <T> ForkJoinTask<T> submit(java.util.concurrent.Callable<T> task) {
        if (pool != null) {
            return pool.submit(task);
        }
        ForkJoinTask<T> done = ForkJoinTask.adapt(task);
        done.invoke();
        return done;
    }

    /** {@code need} without its time bounds when they hold every event of the segment. */
    private Need withinSegment(Segment segment, Need need) {
        if (planning == Planning.SCAN || need.anyTime()) {
            return need;
        }
        SegmentIndex index = segment.index();
        if (need.from() <= index.minTime() && need.to() > index.maxTime()) {
            return new Need(need.types(), Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return need;
    }

    /** The planner: one decision per segment, from the index's figures. */
    private Access choose(Segment segment, Need need, ScanTrace trace, int id) {
        int users = segment.userCount();
        long events = segment.eventCount();
        if (planning == Planning.SCAN) {
            trace.segment(id, Access.SCAN, "index use switched off", users, events);
            return Access.SCAN;
        }
        if (need.anyType() && need.anyTime()) {
            trace.segment(id, Access.SCAN, "every user may matter", users, events);
            return Access.SCAN;
        }
        SegmentIndex index = segment.index();
        if (!need.anyTime()) {
            long candidates = 0;
            int blocks = index.timeBlocks();
            for (int b = 0; b < blocks; b++) {
                if (index.blockMayOverlap(b, need.from(), need.to())) {
                    candidates += SegmentIndex.TIME_BLOCK;
                }
            }
            if (candidates * TIME_INDEX_RATIO < users) {
                trace.segment(id, Access.TIME_INDEX, "time blocks overlapping the range hold ≤ "
                        + Math.min(candidates, users) + " of " + users + " users", users, events);
                return Access.TIME_INDEX;
            }
        }
        double share = sampledShare(index, need.types(), users);
        if (share <= TYPE_MASK_SHARE || !need.anyTime()) {
            trace.segment(id, Access.TYPE_MASK, String.format(java.util.Locale.ROOT,
                    "about %.0f%% of users have a needed type%s", share * 100,
                    need.anyTime() ? "" : "; users outside the range skipped by first/last time"), users, events);
            return Access.TYPE_MASK;
        }
        trace.segment(id, Access.SCAN, String.format(java.util.Locale.ROOT,
                "about %.0f%% of users have a needed type: masks would not pay", share * 100), users, events);
        return Access.SCAN;
    }

    /** The share of users whose mask meets {@code types}, from up to 1024 evenly spaced users. */
    private static double sampledShare(SegmentIndex index, long types, int users) {
        if (users == 0 || types == SegmentIndex.ALL_TYPES) {
            return 1;
        }
        int samples = Math.min(users, 1024);
        int hits = 0;
        for (int i = 0; i < samples; i++) {
            if ((index.mask((int) ((long) users * i / samples)) & types) != 0) {
                hits++;
            }
        }
        return (double) hits / samples;
    }

    private static int[] overlappingBlocks(SegmentIndex index, Need need) {
        int n = 0;
        int[] blocks = new int[index.timeBlocks()];
        for (int b = 0; b < blocks.length; b++) {
            if (index.blockMayOverlap(b, need.from(), need.to())) {
                blocks[n++] = b;
            }
        }
        return java.util.Arrays.copyOf(blocks, n);
    }

    private static <T> T range(Segment segment, int id, int from, int to, Deadline deadline, ScanTrace trace,
                               T tally, Kernel<T> kernel) {
        Users users = new Users();
        for (int block = from; block < to; block += BLOCK) {
            deadline.check();
            users.from = block;
            users.size = Math.min(to, block + BLOCK) - block;
            kernel.users(segment, users, tally);
        }
        int[] offsets = segment.offsets();
        trace.counted(id, to - from, to - from, (long) offsets[to] - offsets[from]);
        return tally;
    }

    /** The users of {@code [from, to)} that may meet {@code need} and that the selection keeps, in id order. */
    private static <T> T maskedRange(Segment segment, int id, int from, int to, Need need, UserPredicate selection,
                                     Deadline deadline, ScanTrace trace, T tally, Kernel<T> kernel) {
        final SegmentIndex index = segment.index();
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final long types = need.types();
        final boolean anyTime = need.anyTime();
        final int tFrom = need.from();
        final int tTo = need.to();
        final boolean everyone = selection == UserPredicate.ALL;
        Users users = new Users();
        users.list = new int[BLOCK];
        long visited = 0;
        long events = 0;
        for (int block = from; block < to; block += BLOCK) {
            deadline.check();
            int n = 0;
            final int[] list = users.list;
            for (int u = block, end = Math.min(to, block + BLOCK); u < end; u++) {
                final int lo = offsets[u];
                final int hi = offsets[u + 1];
                if ((index.mask(u) & types) == 0 || lo == hi
                        || (!anyTime && (times[lo] >= tTo || times[hi - 1] < tFrom))
                        || !(everyone || selection.test(segment, u))) {
                    continue;
                }
                list[n++] = u;
                events += hi - lo;
            }
            if (n > 0) {
                users.size = n;
                kernel.users(segment, users, tally);
            }
            visited += n;
        }
        trace.counted(id, to - from, visited, events);
        return tally;
    }

    private static <T> T timeBlocks(Segment segment, int id, int[] blocks, int fromBlock, int toBlock, Need need,
                                    UserPredicate selection, Deadline deadline, ScanTrace trace, T tally,
                                    Kernel<T> kernel) {
        final SegmentIndex index = segment.index();
        final int[] order = index.byFirstTime();
        final int[] offsets = segment.offsets();
        final int[] times = segment.times();
        final long types = need.types();
        final int tFrom = need.from();
        final int tTo = need.to();
        final int userCount = segment.userCount();
        final boolean everyone = selection == UserPredicate.ALL;
        Users users = new Users();
        users.list = new int[BLOCK];
        long tested = 0;
        long visited = 0;
        long events = 0;
        int n = 0;
        for (int i = fromBlock; i < toBlock; i++) {
            int start = blocks[i] * SegmentIndex.TIME_BLOCK;
            int end = Math.min(userCount, start + SegmentIndex.TIME_BLOCK);
            tested += end - start;
            for (int r = start; r < end; r++) {
                final int u = order[r];
                final int lo = offsets[u];
                final int hi = offsets[u + 1];
                if ((index.mask(u) & types) == 0 || lo == hi || times[lo] >= tTo || times[hi - 1] < tFrom
                        || !(everyone || selection.test(segment, u))) {
                    continue;
                }
                users.list[n++] = u;
                events += hi - lo;
                if (n == BLOCK) {
                    deadline.check();
                    users.size = n;
                    kernel.users(segment, users, tally);
                    visited += n;
                    n = 0;
                }
            }
        }
        if (n > 0) {
            deadline.check();
            users.size = n;
            kernel.users(segment, users, tally);
            visited += n;
        }
        trace.counted(id, tested, visited, events);
        return tally;
    }
}
