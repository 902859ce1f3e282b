package io.voronka.engine.load;

/**
 * Loading failed; the message is one line naming the source, the column or setting, and the problem. Nothing
 * half-loaded is returned when this is thrown.
 */
public final class LoadException extends RuntimeException {
    public LoadException(String message) {
        super(message);
    }

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
