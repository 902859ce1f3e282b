package io.voronka.engine.result;

/**
 * Time from step {@code fromStep} to step {@code toStep} (1-based) along the users' winning chains that reached
 * {@code toStep}: how many, the mean, and nearest-rank percentiles, in seconds.
 */
public record StepTiming(int fromStep, int toStep, long count, double meanSeconds, long p50Seconds,
                         long p90Seconds) implements java.io.Serializable {
}
