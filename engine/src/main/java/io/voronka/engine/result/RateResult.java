package io.voronka.engine.result;

import io.voronka.engine.query.RateQuery;

import java.util.List;

/**
 * A rate per group and bucket with significance. {@code by}: the breakdown levels' names; {@code rows}: per bucket
 * the {@link Groups#ALL} row then the groups; {@code families}: the chi-square test per compared family;
 * {@code unattributed}: numerator events with no denominator event to belong to (before any, or past the window).
 */
public record RateResult(RateQuery query, List<String> by, List<String> buckets, List<RateRow> rows,
                         List<GroupFamily> families, long unattributed) implements QueryResult {
    public RateResult {
        by = List.copyOf(by);
        buckets = List.copyOf(buckets);
        rows = List.copyOf(rows);
        families = List.copyOf(families);
    }

    @Override
    public long estimatedBytes() {
        long bytes = ResultSize.BASE + ResultSize.texts(by) + ResultSize.texts(buckets) + families.size() * 128L;
        for (RateRow row : rows) {
            bytes += 160 + ResultSize.texts(row.group());
        }
        return bytes;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.rate(this);
    }
}
