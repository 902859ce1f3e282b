package io.voronka.server;

import io.voronka.dsl.QueryException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What went wrong with a request, for a person: an HTTP status, a message, and for query errors the position,
 * what was expected there and a hint. The one error type of the HTTP and chat boundaries.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final int line;
    private final int column;
    private final List<String> expected;
    private final String hint;
    private final String detail;
    /** Seconds a client should wait before asking again (a 503's Retry-After), or 0. */
    private final long retryAfterSeconds;

    public ApiError(int status, String message) {
        this(status, message, 0, 0, List.of(), null, null);
    }

    private ApiError(int status, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.line = 0;
        this.column = 0;
        this.expected = List.of();
        this.hint = null;
        this.detail = null;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The server cannot take the query now: 503 with a {@code Retry-After} of {@code seconds}. */
    public static ApiError busy(String message, long seconds) {
        return new ApiError(503, message, seconds);
    }

    private ApiError(int status, String message, int line, int column, List<String> expected, String hint,
                     String detail) {
        super(message);
        this.status = status;
        this.line = line;
        this.column = column;
        this.expected = List.copyOf(expected);
        this.hint = hint;
        this.detail = detail;
        this.retryAfterSeconds = 0;
    }

    /** A query that does not parse or names what the data lacks: 400 with its position. */
    public static ApiError of(QueryException e) {
        return new ApiError(400, e.problem(), e.line(), e.column(), e.expected(), e.hint(), e.getMessage());
    }

    public int status() {
        return status;
    }

    /** Seconds for a {@code Retry-After} header, or 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The readable multi-line text (with the caret line for query errors) for CLI and chat. */
    public String readable() {
        return detail != null ? detail : getMessage();
    }

    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", getMessage());
        if (retryAfterSeconds > 0) {
            out.put("retryAfterSeconds", retryAfterSeconds);
        }
        if (line > 0) {
            out.put("line", line);
            out.put("column", column);
            out.put("expected", expected);
            out.put("hint", hint);
            out.put("detail", detail);
        }
        return out;
    }
}
