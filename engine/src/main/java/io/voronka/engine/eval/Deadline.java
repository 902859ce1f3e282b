package io.voronka.engine.eval;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When a query must stop. {@link UserScan} calls {@link #check()} between blocks of users, and long per-user work
 * (one user with hundreds of thousands of events, searched superlinearly) calls it every {@value #WORK_PER_CHECK}
 * steps of its own loop, so a runaway query ends soon after its time limit with {@link QueryTimeoutException} and
 * frees its threads. A query whose client went away is {@link #cancel() cancelled} and stops the same way.
 */
public final class Deadline {
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE, Duration.ZERO, null);

    /**
     * Steps of a per-user loop between checks (a power of two: {@code (++work & (WORK_PER_CHECK - 1)) == 0}).
     * A check costs a volatile read and {@code System.nanoTime()}, so this keeps it far below 1% of the loop.
     */
    public static final int WORK_PER_CHECK = 1 << 12;

    private final long deadlineNanos;
    private final Duration limit;
    /** Checks left before expiring (tests that must see where checks happen without timing anything); or null. */
    private final AtomicInteger checksLeft;
    private volatile boolean cancelled;

    private Deadline(long deadlineNanos, Duration limit, AtomicInteger checksLeft) {
        this.deadlineNanos = deadlineNanos;
        this.limit = limit;
        this.checksLeft = checksLeft;
    }

    public static Deadline after(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("a query time limit must be > 0, was " + limit);
        }
        return new Deadline(System.nanoTime() + limit.toNanos(), limit, null);
    }

    /**
     * Expires at its {@code checks}-th check instead of at a time: a test can tell whether work is checked often
     * enough (e.g. inside one heavy user) without measuring time.
     */
    public static Deadline afterChecks(int checks) {
        if (checks < 1) {
            throw new IllegalArgumentException("checks must be >= 1, was " + checks);
        }
        return new Deadline(Long.MAX_VALUE, Duration.ZERO, new AtomicInteger(checks));
    }

    /** Asks evaluation to stop at its next check (e.g. the client went away). */
    public void cancel() {
        if (this != NONE) {
            cancelled = true;
        }
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws when the limit has passed or the query was cancelled. */
    public void check() {
        if (this == NONE) {
            return;
        }
        if (cancelled) {
            throw new QueryTimeoutException("the query was cancelled");
        }
        if (checksLeft != null) {
            if (checksLeft.decrementAndGet() < 0) {
                throw new QueryTimeoutException("the query reached its last allowed deadline check and was stopped");
            }
            return;
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new QueryTimeoutException("the query ran longer than its limit of " + limit.toMillis()
                    + " ms and was stopped");
        }
    }

    /** A meter for one thread's long per-user loop; it checks this deadline every {@value #WORK_PER_CHECK} steps. */
    public Meter meter() {
        return new Meter(this);
    }

    /** Counts the steps of one thread's per-user work (not shared between threads: one per task's scratch). */
    public static final class Meter {
        private final Deadline deadline;
        private int work;

        private Meter(Deadline deadline) {
            this.deadline = deadline;
        }

        /** Adds {@code steps} of work; checks the deadline when {@value #WORK_PER_CHECK} have added up. */
        public void spend(int steps) {
            work += steps;
            if (work >= WORK_PER_CHECK) {
                work = 0;
                deadline.check();
            }
        }
    }
}
