package io.voronka.engine.query;

/**
 * Split a funnel by a dimension; {@code step} (1-based) is used with {@link Attribution#STEP}; {@code top > 0} keeps
 * only the {@code top} groups with the most entries (largest first), 0 keeps every group.
 */
public record Breakdown(String dimension, Attribution attribution, int step, int top) {
    public Breakdown {
        if (attribution == Attribution.STEP && step < 1) {
            throw new IllegalArgumentException("step attribution needs a step >= 1, was " + step);
        }
        if (top < 0) {
            throw new IllegalArgumentException("top must be >= 1 (or 0 for every group), was " + top);
        }
    }

    /** Every group. */
    public Breakdown(String dimension, Attribution attribution, int step) {
        this(dimension, attribution, step, 0);
    }

    public static Breakdown firstTouch(String dimension) {
        return new Breakdown(dimension, Attribution.FIRST_TOUCH, 0);
    }

    /** The same breakdown keeping the {@code k} largest groups. */
    public Breakdown withTop(int k) {
        return new Breakdown(dimension, attribution, step, k);
    }
}
