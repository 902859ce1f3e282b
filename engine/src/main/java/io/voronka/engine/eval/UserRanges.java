package io.voronka.engine.eval;

import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Runs a task over every segment of a store in user ranges (about eight per thread, so uneven users even out),
 * in parallel, and returns the tasks' partial results. If one task fails, the others are asked to stop through
 * the deadline and the first failure is thrown.
 */
public final class UserRanges {
    /** Work on users {@code [fromUser, toUser)} (segment-local) of one segment. */
    @FunctionalInterface
    public interface Task<T> {
        T run(Segment segment, int fromUser, int toUser);
    }

    private UserRanges() {
    }

    public static <T> List<T> run(ForkJoinPool pool, EventStore store, Deadline deadline, Task<T> task) {
        List<ForkJoinTask<T>> tasks = new ArrayList<>();
        int chunksPerSegment = Math.max(1, pool.getParallelism() * 8);
        for (Segment segment : store.segments()) {
            int users = segment.userCount();
            int chunks = Math.max(1, Math.min(users, chunksPerSegment));
            for (int c = 0; c < chunks; c++) {
                int from = (int) ((long) users * c / chunks);
                int to = (int) ((long) users * (c + 1) / chunks);
                tasks.add(pool.submit(() -> task.run(segment, from, to)));
            }
        }
        List<T> results = new ArrayList<>(tasks.size());
        RuntimeException failure = null;
        for (ForkJoinTask<T> t : tasks) {
            try {
                results.add(t.join());
            } catch (RuntimeException e) {
                deadline.cancel();
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }
}
