package io.voronka.engine.funnel;

import io.voronka.engine.eval.Deadline;
import io.voronka.engine.store.Segment;

/**
 * Funnels in any order: a user reaches step j when steps 1..j can be filled by distinct events whose times lie
 * within the window of the earliest of them, and that earliest time is inside the date range.
 *
 * <p>For each candidate earliest time s (a timestamp of the user inside the range), the events in [s, s+window]
 * are matched to steps 1, 2, … ({@link GroupMatcher}) for the longest prefix m. A chain must also use an event
 * at s itself; a perfect matching of a prefix that avoids those events can always be switched onto one of them
 * when any step of the prefix accepts a type present at s (those events are unused), so depth(s) = m when some
 * step q <= m has an event at s, else 0. The winning chain is the first s reaching the user's deepest step;
 * among its chains, the one whose latest event is earliest (found by bisecting the window's end: whether a prefix
 * is matchable only grows as the window grows), so a completion trend counts when the steps were first all done.
 */
final class AnyOrderFinder {
    private final FunnelPlan plan;
    private final GroupMatcher matcher = new GroupMatcher();
    private final int[] winnerPositions;
    private final int[] candidate;
    private Segment segment;
    private int winnerEntry;
    /** Where the winner's window starts and ends, and its depth; its last time is found on demand. */
    private int winnerFrom;
    private int winnerWindowEnd;
    private int winnerDepth;
    private int[] lastTimes;
    private short[] lastTypes;

    /** Checks the query's deadline inside one user's work (issue 11): a heavy user's windows are rescanned. */
    private final Deadline.Meter meter;

    AnyOrderFinder(FunnelPlan plan, Deadline.Meter meter) {
        this.plan = plan;
        this.meter = meter;
        this.winnerPositions = new int[plan.steps];
        this.candidate = new int[plan.steps];
    }

    /** The segment whose users come next (step filters read its columns). */
    void segment(Segment s) {
        this.segment = s;
        matcher.segment(s);
    }

    int evaluate(int[] times, short[] types, int from, int to) {
        final int k = plan.steps;
        int best = 0;
        int windowEnd = from;
        int p = from;
        while (p < to) {
            final int s = times[p];
            int next = GroupMatcher.sameTimeEnd(times, p + 1, to, s);
            if (s >= plan.entryTo) {
                break;
            }
            if (s >= plan.entryFrom) {
                int lowestStepAtS = lowestStep(types, p, next);
                if (lowestStepAtS < k) {
                    while (windowEnd < to && (long) times[windowEnd] - s <= plan.window) {
                        windowEnd++;
                    }
                    meter.spend(windowEnd - p); // deadline inside one user (issue 11)
                    matcher.begin(plan, types, p, windowEnd, 0, -1);
                    while (matcher.add()) {
                        // longest matchable prefix of steps
                    }
                    int m = matcher.count();
                    if (lowestStepAtS < m && m > best) {
                        best = m;
                        winnerEntry = s;
                        winnerFrom = p;
                        winnerWindowEnd = windowEnd;
                        winnerDepth = m;
                        lastTimes = times;
                        lastTypes = types;
                        for (int i = 0; i < m; i++) {
                            candidate[i] = matcher.position(i);
                        }
                        System.arraycopy(candidate, 0, winnerPositions, 0, m);
                        if (best == k) {
                            return best;
                        }
                    }
                }
            }
            p = next;
        }
        return best;
    }

    /** Lowest 0-based step any event of [from, to) can fill, or steps when none. */
    private int lowestStep(short[] types, int from, int to) {
        int lowest = plan.steps;
        for (int e = from; e < to; e++) {
            for (int q = 0; q < lowest; q++) {
                if (plan.fills(segment, types, e, q)) {
                    lowest = q;
                    break;
                }
            }
        }
        return lowest;
    }

    int winnerPosition(int i) {
        return winnerPositions[i];
    }

    int winnerEntryTime() {
        return winnerEntry;
    }

    /** The earliest time by which the winner's steps can all be done: the smallest matchable window end. */
    int winnerLastTime() {
        int lo = winnerFrom + 1;
        int hi = winnerWindowEnd;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (matchable(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lastTimes[lo - 1];
    }

    private boolean matchable(int windowEnd) {
        matcher.begin(plan, lastTypes, winnerFrom, windowEnd, 0, -1);
        while (matcher.count() < winnerDepth && matcher.add()) {
            // grow the prefix until the winner's depth
        }
        return matcher.count() >= winnerDepth;
    }
}
