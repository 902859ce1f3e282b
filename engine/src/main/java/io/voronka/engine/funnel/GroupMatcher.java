package io.voronka.engine.funnel;

import io.voronka.engine.store.Segment;

import java.util.Arrays;

/**
 * Fills consecutive funnel steps {@code firstStep, firstStep+1, …} with distinct events of one position range
 * (usually the events sharing one timestamp), one step at a time, by augmenting paths (Kuhn's algorithm).
 * {@link #add()} succeeds while the next step can be matched without dropping an earlier one, so the count
 * reached is the longest matchable prefix of steps. Scratch object: one per thread, reused.
 */
final class GroupMatcher {
    private FunnelPlan plan;
    private short[] types;
    private Segment segment;
    private int from;
    private int size;
    private int firstStep;
    private int count;
    private int forced = -1;
    /** Per event of the range: relative step that owns it, or -1. */
    private int[] owner = new int[16];
    /** Per relative step: the event (relative to {@code from}) that fills it. */
    private int[] filledBy = new int[16];
    private int[] visited = new int[16];
    private int stamp;

    /**
     * Starts matching steps from {@code firstStep} over positions {@code [from, to)}.
     * {@code forcedPosition} >= 0 pins step 0 to that event (an entry chosen by the caller); -1 leaves it free.
     */
    void begin(FunnelPlan plan, short[] types, int from, int to, int firstStep, int forcedPosition) {
        this.plan = plan;
        this.types = types;
        this.from = from;
        this.size = to - from;
        this.firstStep = firstStep;
        this.count = 0;
        this.forced = firstStep == 0 && forcedPosition >= 0 ? forcedPosition - from : -1;
        if (owner.length < size) {
            int capacity = Math.max(size, owner.length * 2);
            owner = new int[capacity];
            visited = new int[capacity];
        }
        Arrays.fill(owner, 0, size, -1);
        if (filledBy.length < plan.steps) {
            filledBy = new int[plan.steps];
        }
    }

    /** The segment whose events the next ranges are in (step filters read its columns). */
    void segment(Segment s) {
        this.segment = s;
    }

    /** Tries to fill the next step; returns false (and changes nothing) when it cannot be matched. */
    boolean add() {
        int relative = count;
        if (firstStep + relative >= plan.steps) {
            return false;
        }
        if (relative == 0 && forced >= 0) {
            if (!plan.fills(segment, types, from + forced, firstStep)) {
                return false;
            }
            owner[forced] = 0;
            filledBy[0] = forced;
            count = 1;
            return true;
        }
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(visited, 0);
            stamp = 1;
        }
        if (!augment(relative)) {
            return false;
        }
        count++;
        return true;
    }

    /** The first position from {@code next} on whose time is not {@code t}: the end of a group of equal times. */
    static int sameTimeEnd(int[] times, int next, int to, int t) {
        while (next < to && times[next] == t) {
            next++;
        }
        return next;
    }

    /** Steps filled so far. */
    int count() {
        return count;
    }

    /** Position of the event filling relative step {@code i} (< count). */
    int position(int i) {
        return from + filledBy[i];
    }

    private boolean augment(int relative) {
        int step = firstStep + relative;
        for (int e = 0; e < size; e++) {
            if (visited[e] == stamp || !plan.fills(segment, types, from + e, step)) {
                continue;
            }
            visited[e] = stamp;
            int current = owner[e];
            if (current < 0 || (!(current == 0 && forced >= 0) && augment(current))) {
                owner[e] = relative;
                filledBy[relative] = e;
                return true;
            }
        }
        return false;
    }
}
