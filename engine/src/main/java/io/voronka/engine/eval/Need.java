package io.voronka.engine.eval;

import io.voronka.engine.store.SegmentIndex;

/**
 * What a user must have to change a query's answer: an event of one of {@code types} (a {@link SegmentIndex} mask)
 * at a time in {@code [from, to)}. Users without one contribute nothing, so the planner may skip them.
 */
public record Need(long types, int from, int to) {
    /** Every user may matter. */
    public static final Need EVERYONE = new Need(SegmentIndex.ALL_TYPES, Integer.MIN_VALUE, Integer.MAX_VALUE);

    public static Need of(boolean[] types, TimeRange range) {
        return new Need(SegmentIndex.maskOf(types), range.from(), range.to());
    }

    public boolean anyType() {
        return types == SegmentIndex.ALL_TYPES;
    }

    public boolean anyTime() {
        return from == Integer.MIN_VALUE && to == Integer.MAX_VALUE;
    }
}
