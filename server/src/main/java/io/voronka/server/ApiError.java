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

    public ApiError(int status, String message) {
        this(status, message, 0, 0, List.of(), null, null);
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
    }

    /** A query that does not parse or names what the data lacks: 400 with its position. */
    public static ApiError of(QueryException e) {
        return new ApiError(400, e.problem(), e.line(), e.column(), e.expected(), e.hint(), e.getMessage());
    }

    public int status() {
        return status;
    }

    /** The readable multi-line text (with the caret line for query errors) for CLI and chat. */
    public String readable() {
        return detail != null ? detail : getMessage();
    }

    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", getMessage());
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
