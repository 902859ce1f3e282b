package io.voronka.engine.eval;

import java.time.Duration;

/**
 * When a query must stop. Evaluators call {@link #check()} every few thousand users, so a runaway query ends
 * soon after its time limit with {@link QueryTimeoutException} and frees its threads.
 */
public final class Deadline {
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE, Duration.ZERO);

    private final long deadlineNanos;
    private final Duration limit;
    private volatile boolean cancelled;

    private Deadline(long deadlineNanos, Duration limit) {
        this.deadlineNanos = deadlineNanos;
        this.limit = limit;
    }

    public static Deadline after(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("a query time limit must be > 0, was " + limit);
        }
        return new Deadline(System.nanoTime() + limit.toNanos(), limit);
    }

    /** Asks evaluation to stop at its next check (e.g. the client went away). */
    public void cancel() {
        if (this != NONE) {
            cancelled = true;
        }
    }

    /** Throws when the limit has passed or the query was cancelled. */
    public void check() {
        if (this == NONE) {
            return;
        }
        if (cancelled) {
            throw new QueryTimeoutException("the query was cancelled");
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new QueryTimeoutException("the query ran longer than its limit of " + limit.toMillis()
                    + " ms and was stopped");
        }
    }
}
