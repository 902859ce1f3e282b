package io.voronka.engine.result;

import io.voronka.engine.stats.BoxSummary;

import java.util.List;

/** One group of a value statistic in one bucket: the statistic's {@code value} and the values' box summary. */
public record ValueRow(String bucket, List<String> group, double value, BoxSummary box) {
    public ValueRow {
        group = List.copyOf(group);
    }
}
