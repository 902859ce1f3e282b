package io.voronka.engine.result;

import io.voronka.engine.query.Counting;

import java.util.List;

/**
 * A funnel's answer. {@code steps}: a label per step made of the dictionary's names (data, not display text);
 * {@code rows}: one per breakdown group ({@link Groups#ALL} without a breakdown), counts per step; {@code trend}:
 * counts per bucket (empty without a trend); {@code timings}: per step 2..k the time from the previous step
 * (empty unless asked); {@code counting}: users or conversions.
 */
public record FunnelResult(List<String> steps, Counting counting, List<FunnelRow> rows, List<FunnelTrendRow> trend,
                           List<StepTiming> timings) implements QueryResult {
    public FunnelResult {
        steps = List.copyOf(steps);
        rows = List.copyOf(rows);
        trend = List.copyOf(trend);
        timings = List.copyOf(timings);
    }

    /** The row of the whole population (the first row). */
    public FunnelRow total() {
        return rows.get(0);
    }

    @Override
    public long estimatedBytes() {
        long bytes = ResultSize.BASE + ResultSize.texts(steps) + timings.size() * 64L;
        for (FunnelRow row : rows) {
            bytes += ResultSize.text(row.group()) + ResultSize.numbers(row.reached().size());
        }
        for (FunnelTrendRow row : trend) {
            bytes += ResultSize.text(row.bucket()) + ResultSize.numbers(row.reached().size());
        }
        return bytes;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.funnel(this);
    }
}
