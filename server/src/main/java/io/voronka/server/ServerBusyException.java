package io.voronka.server;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;

/** The server takes no more queries now ({@link ErrorKind#BUSY}); asking again after {@link #retryAfterSeconds()}. */
final class ServerBusyException extends VoronkaException {
    private final long retryAfterSeconds;

    ServerBusyException(String message, long retryAfterSeconds) {
        super(ErrorKind.BUSY, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
