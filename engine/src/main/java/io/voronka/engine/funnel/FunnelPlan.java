package io.voronka.engine.funnel;

import io.voronka.engine.query.Counting;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.Exclusion;
import io.voronka.engine.query.FunnelMode;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Step;
import io.voronka.engine.eval.EventFilters;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.Segment;

import java.util.List;

/**
 * A funnel compiled against one store's dictionary: step membership as bit masks per event type, the entry
 * range and limits in stored seconds. Immutable and shared by all evaluating threads.
 *
 * <pre>
 * stepBits[type * words + w]  bit q%64 of word q/64 set  ⇔  type fills step q (0-based)
 * exclusionBits[type]         bit x set                  ⇔  type is an event of exclusion x
 * </pre>
 */
public final class FunnelPlan {
    /** Exclusions are held in one long per type. */
    public static final int MAX_EXCLUSIONS = 64;

    final int steps;
    final int words;
    final long[] stepBits;
    final long[] exclusionBits;
    final int[] exclusionAfter;
    final int[] exclusionBefore;
    final long window;
    /** Per 0-based step q >= 1: max seconds from step q-1, or Long.MAX_VALUE. */
    final long[] gap;
    final int entryFrom;
    final int entryTo;
    final FunnelMode mode;
    final Counting counting;
    final boolean hasGaps;
    /**
     * When every type fills at most one step: the 0-based step of each type, or {@code steps + 1} (a slot that
     * never holds a chain) for types in no step. Null when some type fills several steps.
     */
    final int[] stepOfType;
    /** Per 0-based step: the filters its events must pass ({@code 3 where utm_source = 'vk'}), or null. */
    final EventFilters[] stepFilters;
    final boolean hasStepFilters;

    /**
     * @param entryFrom first stored second an entry may have (inclusive)
     * @param entryTo   stored second entries must be before (exclusive)
     */
    public FunnelPlan(FunnelQuery query, EventTypes types, int entryFrom, int entryTo) {
        this(query, types, null, entryFrom, entryTo);
    }

    /** A plan whose steps may filter their events by dimension values and event values ({@code store} resolves them). */
    public FunnelPlan(FunnelQuery query, EventStore store, int entryFrom, int entryTo) {
        this(query, store.types(), store, entryFrom, entryTo);
    }

    private FunnelPlan(FunnelQuery query, EventTypes types, EventStore store, int entryFrom, int entryTo) {
        List<Step> stepList = query.steps();
        this.steps = stepList.size();
        this.words = (steps + 63) >>> 6;
        int typeCount = types.size();
        this.stepBits = new long[Math.max(1, typeCount) * words];
        this.gap = new long[steps];
        boolean anyGap = false;
        for (int q = 0; q < steps; q++) {
            Step step = stepList.get(q);
            for (EventRef ref : step.alternatives()) {
                int code = resolve(ref, types);
                if (code >= 0) {
                    stepBits[code * words + (q >>> 6)] |= 1L << q;
                }
            }
            gap[q] = step.hasTimeLimit() && q > 0 ? step.maxSecondsFromPrevious() : Long.MAX_VALUE;
            anyGap |= gap[q] != Long.MAX_VALUE;
        }
        this.hasGaps = anyGap;
        this.stepFilters = new EventFilters[steps];
        boolean anyFilter = false;
        for (int q = 0; q < steps; q++) {
            Step step = stepList.get(q);
            if (step.hasFilters()) {
                if (store == null) {
                    throw new IllegalArgumentException("step filters need the store's dimensions");
                }
                stepFilters[q] = EventFilters.of(store, step.filters());
                anyFilter = true;
            }
        }
        this.hasStepFilters = anyFilter;
        this.stepOfType = singleStepPerType(Math.max(1, typeCount));
        List<Exclusion> exclusions = query.exclusions();
        if (exclusions.size() > MAX_EXCLUSIONS) {
            throw new IllegalArgumentException("at most " + MAX_EXCLUSIONS + " exclusions, got " + exclusions.size());
        }
        this.exclusionBits = new long[Math.max(1, typeCount)];
        this.exclusionAfter = new int[exclusions.size()];
        this.exclusionBefore = new int[exclusions.size()];
        for (int x = 0; x < exclusions.size(); x++) {
            Exclusion e = exclusions.get(x);
            exclusionAfter[x] = e.afterStep() - 1;
            exclusionBefore[x] = e.beforeStep() - 1;
            for (EventRef ref : e.events()) {
                int code = resolve(ref, types);
                if (code >= 0) {
                    exclusionBits[code] |= 1L << x;
                }
            }
        }
        this.window = query.windowSeconds();
        this.entryFrom = entryFrom;
        this.entryTo = entryTo;
        this.mode = query.mode();
        this.counting = query.counting();
    }

    /**
     * The code of an event reference, or -1 when the store has no such type (a step nobody can fill).
     * An id the dictionary lacks is not an error: it simply has no events.
     */
    static int resolve(EventRef ref, EventTypes types) {
        if (ref.hasId()) {
            return types.codeOfId(ref.id());
        }
        return types.codeOfName(ref.name());
    }

    private int[] singleStepPerType(int typeCount) {
        int[] stepOf = new int[typeCount];
        for (int type = 0; type < typeCount; type++) {
            int found = steps + 1;
            for (int q = 0; q < steps; q++) {
                if (inStep(type, q)) {
                    if (found != steps + 1) {
                        return null;
                    }
                    found = q;
                }
            }
            stepOf[type] = found;
        }
        return stepOf;
    }

    public int steps() {
        return steps;
    }

    boolean inStep(int type, int q) {
        return (stepBits[type * words + (q >>> 6)] & (1L << q)) != 0;
    }

    /**
     * Whether event {@code p} of {@code segment} fills step {@code q}: its type is one of the step's and it
     * passes the step's filters. The exact finders ask this where the plain kernel asks {@link #inStep}.
     */
    boolean fills(Segment segment, short[] types, int p, int q) {
        return inStep(types[p], q) && (!hasStepFilters || stepFilters[q] == null || stepFilters[q].passes(segment, p));
    }

    boolean hasExclusions() {
        return exclusionAfter.length > 0;
    }

    /** True when the plain ordered kernel answers exactly what the query asks. */
    boolean isPlainOrdered() {
        return mode == FunnelMode.ORDERED && !hasGaps && !hasExclusions() && !hasStepFilters;
    }
}
