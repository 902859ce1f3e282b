package io.voronka.engine.query;

import java.util.List;

/** Keep events whose dimension value is (or, negated, is not) one of {@code values}. */
public record DimensionFilter(String dimension, List<String> values, boolean negated) {
    public DimensionFilter {
        values = List.copyOf(values);
    }
}
