package io.voronka.engine.query;

/** What a session query measures per bucket of the sessions' starts. */
public enum SessionMeasure {
    /** Sessions that start in the bucket. */
    SESSIONS,
    /** Sessions that start in the bucket ÷ the distinct users they belong to. */
    SESSIONS_PER_USER,
    /** Mean session length in seconds (last event − first event of the session). */
    AVERAGE_LENGTH
}
