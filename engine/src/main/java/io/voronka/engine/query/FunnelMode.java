package io.voronka.engine.query;

/** How the events of a funnel chain must be ordered (exact rules in docs/query-language.md). */
public enum FunnelMode {
    /** Distinct events, non-decreasing times (equal timestamps allowed). The default. */
    ORDERED,
    /** Distinct events, strictly increasing times: same-second events never convert each other. */
    STRICT_INCREASING,
    /** Ordered, and no other event of the user has a time strictly between two consecutive chain events. */
    STRICT_ORDER,
    /** Distinct events in any order, all within the window of the earliest one. */
    ANY_ORDER
}
