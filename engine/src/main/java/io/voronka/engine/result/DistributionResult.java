package io.voronka.engine.result;

import io.voronka.engine.query.TimeInStatusQuery;

import java.util.List;

/**
 * A time-in-status distribution: the dictionary names of the status, next and outcome events (joined with
 * " | "; {@code next} and {@code outcome} empty when not given), the histogram's bins by their start in seconds
 * (bin i covers [binStarts[i], binStarts[i+1]); the last one has no end), and the groups: {@code ALL} first,
 * then {@code REACHED} and {@code NOT_REACHED} when the query has an outcome.
 */
public record DistributionResult(TimeInStatusQuery query, String from, String next, String outcome,
                                 List<Long> binStarts, List<Distribution> groups) implements QueryResult {
    public DistributionResult {
        binStarts = List.copyOf(binStarts);
        groups = List.copyOf(groups);
    }

    /** The distribution of every status event. */
    public Distribution all() {
        return groups.get(0);
    }

    @Override
    public long estimatedBytes() {
        return ResultSize.BASE + ResultSize.text(from) + ResultSize.text(next) + ResultSize.text(outcome)
                + ResultSize.numbers(binStarts.size()) + groups.stream()
                .mapToLong(g -> 128 + ResultSize.numbers(g.histogram().size())).sum();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.distribution(this);
    }
}
