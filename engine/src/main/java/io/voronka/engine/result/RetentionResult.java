package io.voronka.engine.result;

import java.util.List;

/** A retention or LTV matrix: cohorts by first occurrence, values by age in {@code period} buckets. */
public record RetentionResult(String period, String measure, List<CohortRow> cohorts) implements QueryResult {
    public RetentionResult {
        cohorts = List.copyOf(cohorts);
    }
}
