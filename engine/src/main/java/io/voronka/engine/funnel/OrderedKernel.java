package io.voronka.engine.funnel;

import java.util.Arrays;

/**
 * The default funnel (distinct events, non-decreasing times, window from the entry, no per-step limits or
 * exclusions), depth only. One pass over a user's events, O(events × steps-per-type):
 *
 * <pre>
 * best[j] = latest entry time among chains that filled at least j steps (Integer.MIN_VALUE: none)
 * an event of step q (0-based, q >= 1) extends the chain held in best[q] if it is inside its window;
 * step bits are visited from high to low so one event never fills two steps.
 * </pre>
 * Events sharing a timestamp are taken as one group and matched to steps together ({@link GroupMatcher}), so
 * the answer does not depend on how equal timestamps were ordered. A later entry never does worse than an
 * earlier one at the same depth (its window ends later), which is why one number per depth suffices.
 */
final class OrderedKernel {
    private static final int NONE = Integer.MIN_VALUE;

    private final FunnelPlan plan;
    private final int[] best;
    private final int[] before;
    private final GroupMatcher matcher = new GroupMatcher();

    OrderedKernel(FunnelPlan plan) {
        assert plan.isPlainOrdered();
        this.plan = plan;
        // two spare slots: steps+1 never holds a chain, steps+2 absorbs writes for types in no step
        this.best = new int[plan.steps + 3];
        this.before = new int[plan.steps + 1];
    }

    /** Steps reached (0..steps) by the user whose events are {@code [from, to)}. */
    int depth(int[] times, short[] types, int from, int to) {
        final long[] stepBits = plan.stepBits;
        final int words = plan.words;
        final int entryFrom = plan.entryFrom;
        // skip to the first possible entry: nothing before it can extend a chain
        int p = from;
        while (p < to && ((stepBits[types[p] * words] & 1L) == 0 || times[p] < entryFrom)) {
            p++;
        }
        if (p == to || times[p] >= plan.entryTo) {
            return 0;
        }
        final int first = times[p];
        while (p > from && times[p - 1] == first) {
            p--;
        }
        Arrays.fill(best, NONE);
        if (plan.stepOfType != null) {
            return scanDisjoint(times, types, p, to);
        }
        return scanMasks(times, types, p, to);
    }

    /**
     * Every type fills at most one step (the common case, e.g. {@code 3 > 4|13 > 7 > pay}): one branch-free
     * update per event. best[0] holds the entry this event would make (its time if inside the range), so
     * step 0 needs no special case; types in no step read the always-empty slot steps+1.
     */
    private int scanDisjoint(int[] times, short[] types, int from, int to) {
        final int k = plan.steps;
        final int[] stepOf = plan.stepOfType;
        final long window = plan.window;
        final int entryFrom = plan.entryFrom;
        final int entryTo = plan.entryTo;
        final int[] best = this.best;
        final int last = to - 1;
        int p = from;
        while (p < to) {
            final int t = times[p];
            if (p < last && times[p + 1] == t) {
                int next = p + 2;
                while (next < to && times[next] == t) {
                    next++;
                }
                tieGroup(times, types, p, next, t);
                p = next;
            } else {
                best[0] = t >= entryFrom && t < entryTo ? t : NONE;
                final int q = stepOf[types[p]];
                final int start = best[q];
                final int candidate = (long) t - start <= window ? start : NONE;
                best[q + 1] = Math.max(best[q + 1], candidate);
                p++;
            }
            if (best[k] != NONE) {
                return k;
            }
            if (t >= entryTo && (long) t - best[1] > window) {
                break;
            }
        }
        return deepest();
    }

    /** Types in several steps: mask words per type, bits visited from the highest step. */
    private int scanMasks(int[] times, short[] types, int from, int to) {
        final int k = plan.steps;
        final int words = plan.words;
        final long[] stepBits = plan.stepBits;
        final long window = plan.window;
        final int entryFrom = plan.entryFrom;
        final int entryTo = plan.entryTo;
        final int[] best = this.best;
        int p = from;
        while (p < to) {
            final int t = times[p];
            int next = p + 1;
            if (next < to && times[next] == t) {
                while (next < to && times[next] == t) {
                    next++;
                }
                tieGroup(times, types, p, next, t);
            } else {
                final int base = types[p] * words;
                for (int w = words - 1; w >= 0; w--) {
                    long bits = stepBits[base + w];
                    while (bits != 0) {
                        final int bit = 63 - Long.numberOfLeadingZeros(bits);
                        bits &= ~(1L << bit);
                        final int q = (w << 6) + bit;
                        if (q == 0) {
                            if (t >= entryFrom && t < entryTo && best[1] < t) {
                                best[1] = t;
                            }
                        } else {
                            final int start = best[q];
                            if (start != NONE && (long) t - start <= window && best[q + 1] < start) {
                                best[q + 1] = start;
                            }
                        }
                    }
                }
            }
            if (best[k] != NONE) {
                return k;
            }
            if (t >= entryTo && (long) t - best[1] > window) {
                break;
            }
            p = next;
        }
        return deepest();
    }

    private int deepest() {
        int depth = plan.steps;
        while (depth > 0 && best[depth] == NONE) {
            depth--;
        }
        return depth;
    }

    private void tieGroup(int[] times, short[] types, int from, int to, int t) {
        final int k = plan.steps;
        System.arraycopy(best, 0, before, 0, k + 1);
        for (int j = 0; j < k; j++) {
            final int start;
            if (j == 0) {
                if (t < plan.entryFrom || t >= plan.entryTo) {
                    continue;
                }
                start = t;
            } else {
                start = before[j];
                if (start == NONE || (long) t - start > plan.window) {
                    continue;
                }
            }
            matcher.begin(plan, types, from, to, j, -1);
            while (matcher.add()) {
                final int reached = j + matcher.count();
                if (best[reached] < start) {
                    best[reached] = start;
                }
            }
        }
    }
}
