package io.voronka.engine.query;

/**
 * The users counted at step {@code reachedStep} (1-based) who did not reach the next step,
 * one page of them, in the order users were first loaded. {@code reachedStep} equal to the number of steps lists
 * users who completed the funnel.
 */
public record DrillDown(int reachedStep, int offset, int limit) {
    public DrillDown {
        if (reachedStep < 1) {
            throw new IllegalArgumentException("drill-down step must be >= 1, was " + reachedStep);
        }
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("drill-down page needs offset >= 0 and limit >= 1");
        }
    }
}
