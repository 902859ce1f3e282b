package io.voronka.engine.query;

/** Split a funnel by a dimension; {@code step} (1-based) is used with {@link Attribution#STEP}. */
public record Breakdown(String dimension, Attribution attribution, int step) {
    public Breakdown {
        if (attribution == Attribution.STEP && step < 1) {
            throw new IllegalArgumentException("step attribution needs a step >= 1, was " + step);
        }
    }

    public static Breakdown firstTouch(String dimension) {
        return new Breakdown(dimension, Attribution.FIRST_TOUCH, 0);
    }
}
