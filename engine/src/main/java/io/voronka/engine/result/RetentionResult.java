package io.voronka.engine.result;

import io.voronka.engine.query.RetentionQuery;

import java.util.List;

/**
 * A retention or LTV matrix: cohorts by first occurrence, values by age in the query's period buckets (users
 * returning, or value per member).
 */
public record RetentionResult(RetentionQuery query, List<CohortRow> cohorts) implements QueryResult {
    public RetentionResult {
        cohorts = List.copyOf(cohorts);
    }

    @Override
    public long estimatedBytes() {
        long bytes = ResultSize.BASE;
        for (CohortRow row : cohorts) {
            bytes += ResultSize.text(row.cohort()) + ResultSize.numbers(row.values().size());
        }
        return bytes;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.retention(this);
    }
}
