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
    /** Types of step 2 (index masks): a user with none of them stops at step 1 or before. */
    private final long secondStepTypes;

    OrderedKernel(FunnelPlan plan) {
        assert plan.isPlainOrdered();
        this.plan = plan;
        // two spare slots: steps+1 never holds a chain, steps+2 absorbs writes for types in no step;
        // at least 5 so the register path of scanDisjointUpTo4 can spill b1..b4
        this.best = new int[Math.max(plan.steps + 3, 5)];
        this.before = new int[plan.steps + 1];
        this.secondStepTypes = plan.typeMaskOfStep(1);
    }

    /**
     * {@link #depth(int[], short[], int, int)} with the user's type mask from the index: a user without a type of
     * step 2 reaches step 1 exactly when some entry lies in the range, which needs no chain bookkeeping.
     */
    int depth(int[] times, short[] types, int from, int to, long typeMask) {
        if ((typeMask & secondStepTypes) == 0) {
            return firstEntry(times, types, from, to) < to ? 1 : 0;
        }
        return depth(times, types, from, to);
    }

    /**
     * {@link #depth(int[], short[], int, int, long)} for a user the index says has no two events at one second: with
     * at most 4 disjoint steps the pass needs no tie groups, and over all time no range tests either.
     */
    int depthWithoutTies(int[] times, short[] types, int from, int to, long typeMask) {
        if ((typeMask & secondStepTypes) == 0) {
            return firstEntry(times, types, from, to) < to ? 1 : 0;
        }
        if (plan.stepOfType == null || plan.steps > 4) {
            return depth(times, types, from, to);
        }
        final int p = firstEntry(times, types, from, to);
        if (p == to) {
            return 0;
        }
        return plan.entryFrom == Integer.MIN_VALUE && plan.entryTo == Integer.MAX_VALUE
                ? registersAllTime(times, types, p, to) : registers(times, types, p, to);
    }

    /**
     * The register pass of {@link #scanDisjointUpTo4} for a user without equal timestamps, entries at any time:
     * per event one table lookup and mask arithmetic, no branch but the loop's.
     */
    private int registersAllTime(int[] times, short[] types, int from, int to) {
        final int[] stepOf = plan.stepOfType;
        final long window = plan.window;
        int b1 = NONE;
        int b2 = NONE;
        int b3 = NONE;
        int b4 = NONE;
        for (int p = from; p < to; p++) {
            final int t = times[p];
            final int q = stepOf[types[p]];
            final long lt = t;
            final int enter = (q - 1) >> 31;
            final int extend1 = (((q ^ 1) - 1) >> 31) & ~(int) ((window - (lt - b1)) >> 63);
            final int extend2 = (((q ^ 2) - 1) >> 31) & ~(int) ((window - (lt - b2)) >> 63);
            final int extend3 = (((q ^ 3) - 1) >> 31) & ~(int) ((window - (lt - b3)) >> 63);
            final int c1 = (t & enter) | (NONE & ~enter);
            final int c2 = (b1 & extend1) | (NONE & ~extend1);
            final int c3 = (b2 & extend2) | (NONE & ~extend2);
            final int c4 = (b3 & extend3) | (NONE & ~extend3);
            b1 = Math.max(b1, c1);
            b2 = Math.max(b2, c2);
            b3 = Math.max(b3, c3);
            b4 = Math.max(b4, c4);
        }
        return (b1 != NONE ? 1 : 0) + (b2 != NONE ? 1 : 0) + (b3 != NONE ? 1 : 0) + (b4 != NONE ? 1 : 0);
    }

    /** {@link #registersAllTime} with the entry range: entries outside it are not made, and the pass ends early. */
    private int registers(int[] times, short[] types, int from, int to) {
        final int[] stepOf = plan.stepOfType;
        final long window = plan.window;
        final int entryFrom = plan.entryFrom;
        final int entryTo = plan.entryTo;
        int b1 = NONE;
        int b2 = NONE;
        int b3 = NONE;
        int b4 = NONE;
        for (int p = from; p < to; p++) {
            final int t = times[p];
            final int q = stepOf[types[p]];
            final long lt = t;
            final int outsideRange = (int) (((t - (long) entryFrom) | (entryTo - 1L - t)) >> 63);
            final int enter = ((q - 1) >> 31) & ~outsideRange;
            final int extend1 = (((q ^ 1) - 1) >> 31) & ~(int) ((window - (lt - b1)) >> 63);
            final int extend2 = (((q ^ 2) - 1) >> 31) & ~(int) ((window - (lt - b2)) >> 63);
            final int extend3 = (((q ^ 3) - 1) >> 31) & ~(int) ((window - (lt - b3)) >> 63);
            final int c1 = (t & enter) | (NONE & ~enter);
            final int c2 = (b1 & extend1) | (NONE & ~extend1);
            final int c3 = (b2 & extend2) | (NONE & ~extend2);
            final int c4 = (b3 & extend3) | (NONE & ~extend3);
            b1 = Math.max(b1, c1);
            b2 = Math.max(b2, c2);
            b3 = Math.max(b3, c3);
            b4 = Math.max(b4, c4);
            if (t >= entryTo && lt - b1 > window) {
                break;
            }
        }
        return (b1 != NONE ? 1 : 0) + (b2 != NONE ? 1 : 0) + (b3 != NONE ? 1 : 0) + (b4 != NONE ? 1 : 0);
    }

    /** The position of the first event that may enter the funnel (step 1, inside the range), or {@code to}. */
    private int firstEntry(int[] times, short[] types, int from, int to) {
        final long[] stepBits = plan.stepBits;
        final int words = plan.words;
        final int entryFrom = plan.entryFrom;
        final int entryTo = plan.entryTo;
        for (int p = from; p < to; p++) {
            final int t = times[p];
            if (t >= entryTo) {
                return to;
            }
            if ((stepBits[types[p] * words] & 1L) != 0 && t >= entryFrom) {
                return p;
            }
        }
        return to;
    }

    /** Steps reached (0..steps) by the user whose events are {@code [from, to)}. */
    int depth(int[] times, short[] types, int from, int to) {
        // skip to the first possible entry: nothing before it can extend a chain
        int p = firstEntry(times, types, from, to);
        if (p == to) {
            return 0;
        }
        final int first = times[p];
        while (p > from && times[p - 1] == first) {
            p--;
        }
        if (plan.stepOfType != null && plan.steps <= 4) {
            // b1..b4 live in locals; tie groups spill them to best[1..4] and read nothing else of best
            return scanDisjointUpTo4(times, types, p, to);
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
                int next = GroupMatcher.sameTimeEnd(times, p + 2, to, t);
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

    /**
     * {@link #scanDisjoint} for funnels of at most 4 steps, with best[1..4] held in locals b1..b4 and every update
     * done as mask arithmetic: no branch depends on the event's type or on the window test, and consecutive events
     * do not wait on a store-to-load round trip through the array. Steps past k stay empty (types in no step map
     * to k+1, whose chain b(k+1) is never set), so the depth is the number of non-empty b's.
     * <pre>
     * is(q, j)  = ((q ^ j) - 1) >> 31        -1 when q == j, else 0   (q, j >= 0 and small)
     * fits(b)   = ~((W - (t - b)) >> 63)     -1 when t - b <= W       (b = NONE: t - b > W)
     * b(j+1)    = max(b(j+1), is(q, j) & fits(b(j)) ? b(j) : NONE)
     * </pre>
     */
    private int scanDisjointUpTo4(int[] times, short[] types, int from, int to) {
        final int k = plan.steps;
        final int[] stepOf = plan.stepOfType;
        final long window = plan.window;
        final int entryFrom = plan.entryFrom;
        final int entryTo = plan.entryTo;
        final int last = to - 1;
        int b1 = NONE;
        int b2 = NONE;
        int b3 = NONE;
        int b4 = NONE;
        int p = from;
        while (p < to) {
            final int t = times[p];
            if (p < last && times[p + 1] == t) {
                int next = GroupMatcher.sameTimeEnd(times, p + 2, to, t);
                final int[] best = this.best;
                best[1] = b1;
                best[2] = b2;
                best[3] = b3;
                best[4] = b4;
                tieGroup(times, types, p, next, t);
                b1 = best[1];
                b2 = best[2];
                b3 = best[3];
                b4 = best[4];
                p = next;
            } else {
                final int q = stepOf[types[p]];
                final long lt = t;
                final int outsideRange = (int) (((t - (long) entryFrom) | (entryTo - 1L - t)) >> 63);
                final int enter = ((q - 1) >> 31) & ~outsideRange;
                final int extend1 = (((q ^ 1) - 1) >> 31) & ~(int) ((window - (lt - b1)) >> 63);
                final int extend2 = (((q ^ 2) - 1) >> 31) & ~(int) ((window - (lt - b2)) >> 63);
                final int extend3 = (((q ^ 3) - 1) >> 31) & ~(int) ((window - (lt - b3)) >> 63);
                final int c1 = (t & enter) | (NONE & ~enter);
                final int c2 = (b1 & extend1) | (NONE & ~extend1);
                final int c3 = (b2 & extend2) | (NONE & ~extend2);
                final int c4 = (b3 & extend3) | (NONE & ~extend3);
                b1 = Math.max(b1, c1);
                b2 = Math.max(b2, c2);
                b3 = Math.max(b3, c3);
                b4 = Math.max(b4, c4);
                p++;
            }
            if (t >= entryTo && (long) t - b1 > window) {
                break;
            }
        }
        final int depth = (b1 != NONE ? 1 : 0) + (b2 != NONE ? 1 : 0) + (b3 != NONE ? 1 : 0) + (b4 != NONE ? 1 : 0);
        assert depth <= k;
        return depth;
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
                next = GroupMatcher.sameTimeEnd(times, next, to, t);
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
