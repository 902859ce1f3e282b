package io.voronka.engine.result;

import java.util.List;

/**
 * One group of a rate in one bucket: {@code denominator} events, how many of them got a numerator event
 * ({@code converted}), how many numerator events were attributed to them, the rate {@code converted / denominator}
 * with its 95% Wilson interval, and the two-proportion z-test of the group against the rest of its family (the other
 * groups with the same earlier breakdown levels, in the same bucket): z, p-value, and the p-value after Holm's
 * adjustment over the family. The first row of each bucket is the whole population ({@link Groups#ALL}, no test).
 */
public record RateRow(String bucket, List<String> group, long denominator, long converted, long numeratorEvents,
                      double rate, double low, double high, double z, double pValue, double adjustedP) {
    /** The level below which an adjusted p-value counts as significant. */
    public static final double ALPHA = 0.05;

    public RateRow {
        group = List.copyOf(group);
    }

    public boolean significant() {
        return adjustedP < ALPHA;
    }
}
