package io.voronka.engine.result;

import java.util.List;

/**
 * A funnel's answer. {@code rows}: one per breakdown group ("all" without a breakdown), counts per step;
 * {@code trend}: counts per bucket (empty without a trend); {@code timings}: per step 2..k the time from the
 * previous step (empty unless asked); {@code counting}: "users" or "conversions".
 */
public record FunnelResult(List<String> steps, String counting, List<FunnelRow> rows, List<FunnelTrendRow> trend,
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
}
