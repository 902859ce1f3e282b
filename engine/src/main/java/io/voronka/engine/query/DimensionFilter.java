package io.voronka.engine.query;

import java.util.List;

/**
 * Keep events whose dimension value is (or, negated, is not) one of {@code values}. An event without a value of
 * the dimension fails {@code =}/{@code in} and passes {@code !=}/{@code not in}.
 */
public record DimensionFilter(String dimension, List<String> values, boolean negated) implements EventFilter {
    public DimensionFilter {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a filter on " + dimension + " needs at least one value");
        }
    }
}
