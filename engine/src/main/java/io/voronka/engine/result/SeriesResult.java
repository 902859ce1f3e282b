package io.voronka.engine.result;

import java.util.List;

/** A metric's answer: bucket labels and one series per group ("all" without a breakdown). */
public record SeriesResult(String measure, List<String> buckets, List<Series> series) implements QueryResult {
    public SeriesResult {
        buckets = List.copyOf(buckets);
        series = List.copyOf(series);
    }
}
