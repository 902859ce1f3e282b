package io.voronka.engine.result;

import java.util.List;

/** One line of a metric: a value per bucket of {@link SeriesResult#buckets()}; {@code change} per bucket (NaN for the first / undefined). */
public record Series(String name, List<Double> values, List<Double> change) implements java.io.Serializable {
    public Series {
        values = List.copyOf(values);
        change = List.copyOf(change);
    }
}
