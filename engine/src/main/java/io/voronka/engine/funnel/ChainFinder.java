package io.voronka.engine.funnel;

import io.voronka.engine.eval.Deadline;
import io.voronka.engine.query.FunnelMode;
import io.voronka.engine.store.Segment;

import java.util.Arrays;

/**
 * Exact search for a user's deepest chain under every ordered mode, per-step time limits and exclusions; also
 * yields the winning chain (for times to convert, step attribution and trends). Scratch object, one per thread.
 *
 * <p>Events are taken in groups of equal timestamps. Live partial chains are kept per depth; a chain is
 * dropped when another at the same depth is at least as late in every time that can still matter (entry for
 * the window, last step for a step limit, the "after" step of a pending exclusion; every time when the chain
 * itself is reported). Within a group, steps are matched to distinct events by {@link GroupMatcher}.
 *
 * <p>The winning chain is the one that reached the user's deepest step earliest; among those, the one with
 * the latest times, compared from the entry on.
 *
 * <pre>
 * pool:  chain c of depth d occupies pool[c .. c+d) = positions of its events for steps 1..d
 * live[d][0..liveCount[d])  chains of depth d (1 <= d < steps) that may still grow
 * </pre>
 */
final class ChainFinder {
    private static final int NONE = Integer.MIN_VALUE;

    private final FunnelPlan plan;
    private final int k;
    private final boolean keepAllTimes;
    private final int[][] compared;
    private final GroupMatcher matcher = new GroupMatcher();
    private int[] pool = new int[1024];
    private int poolTop;
    private final int[][] live;
    private final int[] liveCount;
    private int[] pendingBase = new int[64];
    private int[] pendingDepth = new int[64];
    private int pendingCount;
    private final int[][] exclusionTimes;
    private final int[] exclusionCount;

    private int[] times;
    private short[] types;
    private int maxDepth;
    private int winner;
    private int winnerTime;

    /**
     * @param keepAllTimes true when the caller reads the winning chain (timings, step attribution, trend):
     *                     dominance then compares every time of a chain, so the winner is found exactly
     */
    /** Checks the query's deadline inside one user's work (issue 11): live chains can pile up on a heavy user. */
    private final Deadline.Meter meter;

    ChainFinder(FunnelPlan plan, boolean keepAllTimes, Deadline.Meter meter) {
        this.plan = plan;
        this.meter = meter;
        this.k = plan.steps;
        this.keepAllTimes = keepAllTimes;
        this.live = new int[k][16];
        this.liveCount = new int[k];
        this.compared = new int[k][];
        for (int d = 1; d < k; d++) {
            compared[d] = comparedIndexes(d);
        }
        int x = plan.exclusionAfter.length;
        this.exclusionTimes = new int[x][16];
        this.exclusionCount = new int[x];
    }

    private int[] comparedIndexes(int depth) {
        if (keepAllTimes) {
            int[] all = new int[depth];
            for (int i = 0; i < depth; i++) {
                all[i] = i;
            }
            return all;
        }
        boolean[] use = new boolean[depth];
        use[0] = true;
        if (plan.hasGaps) {
            use[depth - 1] = true;
        }
        for (int x = 0; x < plan.exclusionAfter.length; x++) {
            if (plan.exclusionAfter[x] < depth && plan.exclusionBefore[x] >= depth) {
                use[plan.exclusionAfter[x]] = true;
            }
        }
        int n = 0;
        for (boolean b : use) {
            n += b ? 1 : 0;
        }
        int[] idx = new int[n];
        n = 0;
        for (int i = 0; i < depth; i++) {
            if (use[i]) {
                idx[n++] = i;
            }
        }
        return idx;
    }

    /** The segment whose users come next (step filters read its columns). */
    void segment(Segment segment) {
        matcher.segment(segment);
    }

    /**
     * Deepest step (0..steps) of the user whose events are {@code [from, to)}; with {@code forcedEntry} >= 0 only
     * chains entering at that event count (conversions).
     */
    int evaluate(int[] times, short[] types, int from, int to, int forcedEntry) {
        this.times = times;
        this.types = types;
        poolTop = 0;
        maxDepth = 0;
        winner = -1;
        winnerTime = NONE;
        Arrays.fill(liveCount, 0);
        if (plan.hasExclusions()) {
            collectExclusionTimes(from, to);
        }
        final boolean strictOrder = plan.mode == FunnelMode.STRICT_ORDER;
        int p = from;
        while (p < to) {
            final int t = times[p];
            int next = GroupMatcher.sameTimeEnd(times, p + 1, to, t);
            pendingCount = 0;
            for (int d = 1; d < k; d++) {
                final int[] chains = live[d];
                final int n = liveCount[d];
                meter.spend(n + 1); // deadline inside one user (issue 11)
                int kept = 0;
                for (int i = 0; i < n; i++) {
                    final int chain = chains[i];
                    if (isDead(chain, d, t)) {
                        continue;
                    }
                    chains[kept++] = chain;
                    extend(chain, d, p, next, t, -1);
                }
                liveCount[d] = strictOrder ? 0 : kept;
            }
            if (t >= plan.entryFrom && t < plan.entryTo) {
                if (forcedEntry < 0) {
                    extend(-1, 0, p, next, t, -1);
                } else if (forcedEntry >= p && forcedEntry < next) {
                    extend(-1, 0, p, next, t, forcedEntry);
                }
            }
            for (int i = 0; i < pendingCount; i++) {
                accept(pendingBase[i], pendingDepth[i], t);
            }
            if (maxDepth == k) {
                break;
            }
            if (forcedEntry >= 0 && p > forcedEntry && totalLive() == 0) {
                break;
            }
            p = next;
        }
        return maxDepth;
    }

    /** Event position of step {@code i} (0-based, < depth) of the winning chain. */
    int winnerPosition(int i) {
        return pool[winner + i];
    }

    private int totalLive() {
        int n = 0;
        for (int d = 1; d < k; d++) {
            n += liveCount[d];
        }
        return n;
    }

    private boolean isDead(int chain, int depth, int t) {
        if ((long) t - times[pool[chain]] > plan.window) {
            return true;
        }
        return plan.gap[depth] != Long.MAX_VALUE && (long) t - times[pool[chain + depth - 1]] > plan.gap[depth];
    }

    /** Adds to the pending list every chain made by filling steps depth, depth+1, … with events of the group. */
    private void extend(int chain, int depth, int groupFrom, int groupTo, int t, int forcedEntry) {
        final int start = depth == 0 ? t : times[pool[chain]];
        if ((long) t - start > plan.window) {
            return;
        }
        if (depth > 0 && plan.mode == FunnelMode.STRICT_INCREASING && times[pool[chain + depth - 1]] >= t) {
            return;
        }
        matcher.begin(plan, types, groupFrom, groupTo, depth, forcedEntry);
        for (int q = depth; q < k; q++) {
            if (q > depth && plan.mode == FunnelMode.STRICT_INCREASING) {
                return;
            }
            if (q > 0 && q == depth && (long) t - times[pool[chain + depth - 1]] > plan.gap[q]) {
                return;
            }
            if (excluded(chain, depth, q, t)) {
                return;
            }
            if (!matcher.add()) {
                return;
            }
            pending(chain, depth, q + 1);
        }
    }

    /** True if an exclusion ending at step q has an event strictly between its "after" step and t. */
    private boolean excluded(int chain, int depth, int q, int t) {
        final int[] after = plan.exclusionAfter;
        for (int x = 0; x < after.length; x++) {
            if (plan.exclusionBefore[x] != q || after[x] >= depth) {
                continue;
            }
            final int afterTime = times[pool[chain + after[x]]];
            final int[] xt = exclusionTimes[x];
            final int n = exclusionCount[x];
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (xt[mid] <= afterTime) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (lo < n && xt[lo] < t) {
                return true;
            }
        }
        return false;
    }

    private void pending(int chain, int depth, int newDepth) {
        ensurePool(newDepth);
        final int base = poolTop;
        if (depth > 0) {
            System.arraycopy(pool, chain, pool, base, depth);
        }
        for (int i = depth; i < newDepth; i++) {
            pool[base + i] = matcher.position(i - depth);
        }
        poolTop += newDepth;
        if (pendingCount == pendingBase.length) {
            pendingBase = Arrays.copyOf(pendingBase, pendingCount * 2);
            pendingDepth = Arrays.copyOf(pendingDepth, pendingCount * 2);
        }
        pendingBase[pendingCount] = base;
        pendingDepth[pendingCount++] = newDepth;
    }

    private void accept(int chain, int depth, int t) {
        if (depth > maxDepth) {
            maxDepth = depth;
            winner = chain;
            winnerTime = t;
        } else if (depth == maxDepth && t == winnerTime && laterTimes(chain, winner, depth - 1)) {
            winner = chain;
        }
        if (depth < k) {
            insertLive(chain, depth);
        }
    }

    private boolean laterTimes(int a, int b, int n) {
        for (int i = 0; i < n; i++) {
            int ta = times[pool[a + i]];
            int tb = times[pool[b + i]];
            if (ta != tb) {
                return ta > tb;
            }
        }
        return false;
    }

    private void insertLive(int chain, int depth) {
        final int[] idx = compared[depth];
        int[] chains = live[depth];
        int n = liveCount[depth];
        for (int i = 0; i < n; i++) {
            if (atLeastAsLate(chains[i], chain, idx)) {
                return;
            }
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (!atLeastAsLate(chain, chains[i], idx)) {
                chains[kept++] = chains[i];
            }
        }
        if (kept == chains.length) {
            chains = Arrays.copyOf(chains, kept * 2);
            live[depth] = chains;
        }
        chains[kept++] = chain;
        liveCount[depth] = kept;
    }

    private boolean atLeastAsLate(int a, int b, int[] idx) {
        for (int i : idx) {
            if (times[pool[a + i]] < times[pool[b + i]]) {
                return false;
            }
        }
        return true;
    }

    private void ensurePool(int more) {
        if (poolTop + more > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolTop + more));
        }
    }

    private void collectExclusionTimes(int from, int to) {
        Arrays.fill(exclusionCount, 0);
        final long[] bits = plan.exclusionBits;
        for (int p = from; p < to; p++) {
            long b = bits[types[p]];
            while (b != 0) {
                int x = Long.numberOfTrailingZeros(b);
                b &= b - 1;
                if (exclusionCount[x] == exclusionTimes[x].length) {
                    exclusionTimes[x] = Arrays.copyOf(exclusionTimes[x], exclusionCount[x] * 2);
                }
                exclusionTimes[x][exclusionCount[x]++] = times[p];
            }
        }
    }
}
