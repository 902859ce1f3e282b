package io.voronka.engine.query;

/** What a metric counts per bucket. */
public enum Measure {
    /** Distinct users with at least one matching event (DAU/WAU/MAU). */
    USERS,
    /** Matching events. */
    EVENTS,
    /** Sum of the events' values (revenue). */
    SUM,
    /** Sum of values divided by the number of events with a value (average check). */
    AVERAGE
}
