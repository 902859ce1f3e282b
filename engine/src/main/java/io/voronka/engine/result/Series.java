package io.voronka.engine.result;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a metric: a value per bucket of {@link SeriesResult#buckets()}; {@code change} per bucket (NaN for the
 * first / undefined). When the values are ratios (average: sum / events with a value; CAC: spend / customers; ROMI:
 * revenue / spend − 1), {@code numerators} and {@code denominators} hold both sides per bucket before any
 * accumulation, so that series over disjoint users merge exactly; both are empty when the values add up themselves.
 */
public record Series(String name, List<Double> values, List<Double> change, List<Double> numerators,
                     List<Double> denominators) implements java.io.Serializable {
    public Series {
        values = List.copyOf(values);
        change = List.copyOf(change);
        numerators = List.copyOf(numerators);
        denominators = List.copyOf(denominators);
    }

    /** A series whose values add up over disjoint users (counts, sums). */
    public Series(String name, List<Double> values, List<Double> change) {
        this(name, values, change, List.of(), List.of());
    }

    /**
     * A series of per-bucket values, accumulated over the buckets when {@code cumulative}, with the relative change
     * against the previous bucket when {@code withChange}.
     */
    public static Series of(String name, double[] perBucket, boolean cumulative, boolean withChange,
                            List<Double> numerators, List<Double> denominators) {
        double[] v = perBucket.clone();
        if (cumulative) {
            for (int b = 1; b < v.length; b++) {
                v[b] += v[b - 1];
            }
        }
        List<Double> values = new ArrayList<>(v.length);
        List<Double> change = new ArrayList<>(v.length);
        for (int b = 0; b < v.length; b++) {
            values.add(v[b]);
            change.add(b == 0 || v[b - 1] == 0 || Double.isNaN(v[b - 1]) ? Double.NaN : (v[b] - v[b - 1]) / v[b - 1]);
        }
        return new Series(name, values, withChange ? change : List.of(), numerators, denominators);
    }
}
