package io.voronka.engine.error;

import java.util.Locale;

/**
 * What went wrong, as the person who caused it or has to fix it sees it. Each edge maps a kind once: HTTP to a
 * status, the CLI to an exit code, the bot to a reply. Only {@link #INTERNAL} hides its message.
 */
public enum ErrorKind {
    /** The request is wrong: a query that does not parse or asks what the data cannot answer. Fix the request. */
    USER,
    /** The request names something that does not exist (a report). */
    NOT_FOUND,
    /** The request is fine but clashes with the current state (a reload already running, nothing to reload). */
    CONFLICT,
    /** The work exceeded its time limit. Narrow the question or raise the limit. */
    TIMEOUT,
    /** A data source (database, file) cannot be read or does not match the configuration. */
    UNAVAILABLE,
    /**
     * New data failed a check against the data serving (a reload that lost more events or users than allowed):
     * it is not served, the old data keeps serving. Check the source, or force the reload.
     */
    REFUSED,
    /** The configuration file cannot be used; the message names the file, key and rule. */
    CONFIGURATION,
    /** The work needs more memory or room than the process has. */
    TOO_LARGE,
    /** A bug: the message is for the log, never for the user. */
    INTERNAL;

    /** The name used in JSON answers: {@code user}, {@code not_found}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
