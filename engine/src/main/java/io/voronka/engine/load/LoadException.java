package io.voronka.engine.load;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;

/**
 * Loading failed, so the source is {@link ErrorKind#UNAVAILABLE}; the message is one line naming the source, the
 * column or setting, and the problem. Nothing half-loaded is returned when this is thrown.
 */
public final class LoadException extends VoronkaException {
    public LoadException(String message) {
        super(ErrorKind.UNAVAILABLE, message);
    }

    public LoadException(String message, Throwable cause) {
        super(ErrorKind.UNAVAILABLE, message, cause);
    }
}
