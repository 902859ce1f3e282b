package io.voronka.engine.result;

/**
 * Time from step {@code fromStep} to step {@code toStep} (1-based) along the users' winning chains that reached
 * {@code toStep}: how many, the mean, and nearest-rank percentiles, in seconds; {@code durations} holds every
 * duration's count, so timings over disjoint users merge exactly ({@link #of}).
 */
public record StepTiming(int fromStep, int toStep, long count, double meanSeconds, long p50Seconds,
                         long p90Seconds, DurationCounts durations) implements java.io.Serializable {
    /** The timing of these durations. */
    public static StepTiming of(int fromStep, int toStep, DurationCounts durations) {
        return new StepTiming(fromStep, toStep, durations.count(), durations.mean(), durations.nearestRank(0.5),
                durations.nearestRank(0.9), durations);
    }
}
