package io.voronka.engine.result;

/**
 * Time from the previous step to step {@code step} (1-based, >= 2) along users' winning chains; step 0 means
 * from the first step to the last step reached... see {@code FunnelResult#timings}. Seconds.
 */
public record StepTiming(int step, long count, double meanSeconds, long p50Seconds, long p90Seconds) {
}
