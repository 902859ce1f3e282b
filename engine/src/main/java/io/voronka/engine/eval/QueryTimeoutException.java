package io.voronka.engine.eval;

/** A query stopped because it exceeded its time limit or was cancelled. */
public final class QueryTimeoutException extends RuntimeException {
    public QueryTimeoutException(String message) {
        super(message);
    }
}
