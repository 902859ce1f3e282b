package io.voronka.engine.result;

import io.voronka.engine.query.Query;

import java.util.List;

/**
 * A metric's answer: bucket labels and one series per group ({@link Groups#ALL} without a breakdown).
 * {@code query} is what was measured (a metric or an acquisition query); renderers name the measure from it.
 */
public record SeriesResult(Query query, List<String> buckets, List<Series> series) implements QueryResult {
    public SeriesResult {
        buckets = List.copyOf(buckets);
        series = List.copyOf(series);
    }

    @Override
    public long estimatedBytes() {
        long bytes = ResultSize.BASE + ResultSize.texts(buckets);
        for (Series s : series) {
            bytes += ResultSize.text(s.name()) + ResultSize.numbers(s.values().size())
                    + ResultSize.numbers(s.change().size());
        }
        return bytes;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.series(this);
    }
}
