package io.voronka.server;

import org.slf4j.Logger;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An unexpected failure (a bug) as the user sees it: a short id they can quote. The id and the stack trace go to
 * the log; the exception's text never goes to the user.
 */
public final class Incident {
    private Incident() {
    }

    /** Logs {@code failure} with a fresh incident id and returns the id. */
    public static String log(Logger log, String during, Throwable failure) {
        String id = newId();
        log.error("incident {} during {}", id, during, failure);
        return id;
    }

    static String newId() {
        return String.format(Locale.ROOT, "%012x", ThreadLocalRandom.current().nextLong() & 0xffff_ffff_ffffL);
    }

    /** What a user is told about an incident. */
    public static String message(String id) {
        return "internal error (incident " + id + "); the details are in the server log under that id";
    }
}
