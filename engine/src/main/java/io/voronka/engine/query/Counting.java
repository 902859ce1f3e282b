package io.voronka.engine.query;

/** What a funnel counts at each step. */
public enum Counting {
    /** Each user once, at the deepest step reached over all entries. */
    USERS,
    /** Each entry event (an event of step 1 inside the date range) once, at the deepest step reached from it. */
    CONVERSIONS
}
