package io.voronka.engine.query;

/** Which day a funnel trend puts a user's winning chain on. */
public enum TrendBy {
    /** The day of the chain's first step. */
    ENTRY,
    /** The day of the deepest step the chain reached. */
    COMPLETION
}
