package io.voronka.engine.result;

import io.voronka.engine.query.ValueQuery;

import java.util.List;

/**
 * A value statistic or distribution per group and bucket. {@code rows}: per bucket the {@link Groups#ALL} row then
 * the groups; {@code tests}: Mann–Whitney U for each family of exactly two groups.
 */
public record ValueResult(ValueQuery query, List<String> by, List<String> buckets, List<ValueRow> rows,
                          List<TwoGroupTest> tests) implements QueryResult {
    public ValueResult {
        by = List.copyOf(by);
        buckets = List.copyOf(buckets);
        rows = List.copyOf(rows);
        tests = List.copyOf(tests);
    }

    @Override
    public long estimatedBytes() {
        long bytes = ResultSize.BASE + ResultSize.texts(by) + ResultSize.texts(buckets) + tests.size() * 160L;
        for (ValueRow row : rows) {
            bytes += 160 + ResultSize.texts(row.group());
        }
        return bytes;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.value(this);
    }
}
