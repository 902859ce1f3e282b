package io.voronka.engine.eval;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;

/** {@link ErrorKind#TIMEOUT}: a query stopped because it exceeded its time limit or was cancelled. */
public final class QueryTimeoutException extends VoronkaException {
    public QueryTimeoutException(String message) {
        super(ErrorKind.TIMEOUT, message);
    }
}
