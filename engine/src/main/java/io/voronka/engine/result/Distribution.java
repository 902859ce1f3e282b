package io.voronka.engine.result;

import java.util.List;

/**
 * Durations of one group of status events: how many ended ({@code count}, with a next event) and how many are
 * still {@code open}; mean and nearest-rank percentiles of the ended ones in seconds (0 when none); a count per
 * bin of {@link DistributionResult#binStarts()}.
 */
public record Distribution(OutcomeGroup group, long count, long open, double meanSeconds, long p25Seconds,
                           long p50Seconds, long p75Seconds, long p90Seconds, long p99Seconds, List<Long> histogram) {
    public Distribution {
        histogram = List.copyOf(histogram);
    }

    /** Which events a distribution holds. */
    public enum OutcomeGroup {
        /** Every status event. */
        ALL,
        /** Events of users who reached the outcome within the window. */
        REACHED,
        /** Events of users who did not. */
        NOT_REACHED
    }
}
