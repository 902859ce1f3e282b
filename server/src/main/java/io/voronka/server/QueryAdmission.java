package io.voronka.server;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets queries onto the engine fairly. The engine's threads are permits handed out in arrival order (a fair
 * semaphore); at most {@code queueLength} queries wait, and one arriving to a full queue is refused at once with 503
 * and a {@code Retry-After} estimated from the queue and recent query times. Parallelism per query follows the load:
 * a query that finds nothing running and nobody waiting takes every thread (it is split over the pool); otherwise it
 * takes one and runs alone in its own thread, so queries under load do not queue behind each other's tasks.
 */
final class QueryAdmission {
    /** What an admitted query holds: how many threads, released when it ends. */
    record Ticket(int threads, long admittedNanos, long waitedNanos) {
        boolean parallel() {
            return threads > 1;
        }
    }

    private final int threads;
    private final int queueLength;
    private final Semaphore permits;
    private final AtomicInteger waiting = new AtomicInteger();
    /** Smoothed thread-nanoseconds per query (exponential average), for Retry-After. */
    private final AtomicLong meanThreadNanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(20));

    QueryAdmission(int threads, int queueLength) {
        if (threads < 1 || queueLength < 0) {
            throw new IllegalArgumentException("threads must be >= 1 and queue length >= 0, were " + threads + ", "
                    + queueLength);
        }
        this.threads = threads;
        this.queueLength = queueLength;
        this.permits = new Semaphore(threads, true);
    }

    /** Waits for a turn, at most {@code maxWait}; 503 when the queue is full or the wait runs out. */
    Ticket admit(Duration maxWait) {
        long start = System.nanoTime();
        int ahead = waiting.getAndIncrement();
        try {
            boolean idle = ahead == 0 && permits.availablePermits() == threads;
            if (idle && permits.tryAcquire(threads)) {
                return new Ticket(threads, System.nanoTime(), System.nanoTime() - start);
            }
            if (ahead >= queueLength && permits.availablePermits() == 0) {
                throw busy(ahead, "the server is busy: " + ahead + " queries are waiting");
            }
            if (!permits.tryAcquire(1, maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(waiting.get(), "the server is busy: the query waited " + maxWait.toMillis()
                        + " ms for a thread");
            }
            long now = System.nanoTime();
            return new Ticket(1, now, now - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerBusyException("the server is shutting down", 1);
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Gives the ticket's threads back and learns how long the query took. */
    void release(Ticket ticket) {
        long threadNanos = (System.nanoTime() - ticket.admittedNanos()) * ticket.threads();
        permits.release(ticket.threads());
        meanThreadNanos.getAndUpdate(mean -> mean + (threadNanos - mean) / 8);
    }

    /** Queries waiting for a thread now. */
    int waiting() {
        return waiting.get();
    }

    /** Queries parked in the permits' queue (an estimate, for tests that need a known arrival order). */
    int parked() {
        return permits.getQueueLength();
    }

    private ServerBusyException busy(int queued, String what) {
        long seconds = Math.max(1, (long) Math.ceil((queued + 1) * (double) meanThreadNanos.get() / threads / 1e9));
        return new ServerBusyException(String.format(Locale.ROOT, "%s; retry in %d s", what, seconds), seconds);
    }
}
