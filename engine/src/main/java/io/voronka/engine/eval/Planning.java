package io.voronka.engine.eval;

/**
 * Whether evaluation may use the load-time indexes. {@link #SCAN} visits every user with the plain kernels: the
 * reference twin the index paths are tested against, and the "before" of the benchmarks.
 */
public enum Planning {
    /** The planner picks scan, type-mask or time-index access per segment; kernels take index shortcuts. */
    INDEX,
    /** Every user of every segment, plain kernels, no shortcuts. */
    SCAN
}
