package io.voronka.server;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.ErrorPosition;
import io.voronka.engine.error.VoronkaException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer of the HTTP API: a status and the JSON body {@code {error, kind, ...}}. Errors of the rest of
 * Voronka are {@link VoronkaException}s; {@link #of} maps their kind to a status once, here. Query errors add
 * their position ({@code line, column, expected, hint, detail}); internal errors only an incident id.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final Map<String, Object> body;

    /** An error of the HTTP layer itself (authentication, routing, request size, body format). */
    public ApiError(int status, String kind, String message) {
        this(status, body(message, kind));
    }

    private ApiError(int status, Map<String, Object> body) {
        super((String) body.get("error"));
        this.status = status;
        this.body = body;
    }

    /** The answer to an error of a known kind; for {@link ErrorKind#INTERNAL} use {@link #internal}. */
    public static ApiError of(VoronkaException e) {
        Map<String, Object> body = body(e.position().isPresent() ? e.problem() : e.getMessage(), e.kind().label());
        e.position().ifPresent(p -> addPosition(body, p, e.getMessage()));
        return new ApiError(status(e.kind()), body);
    }

    /** 500 naming only the incident id (logged with the stack trace by the caller). */
    public static ApiError internal(String incident) {
        Map<String, Object> body = body(Incident.message(incident), ErrorKind.INTERNAL.label());
        body.put("incident", incident);
        return new ApiError(500, body);
    }

    /** The HTTP status of each kind of error. */
    public static int status(ErrorKind kind) {
        return switch (kind) {
            case USER -> 400;
            case NOT_FOUND -> 404;
            case TIMEOUT -> 408;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case CONFIGURATION, INTERNAL -> 500;
            case UNAVAILABLE, REFUSED -> 502;
        };
    }

    public int status() {
        return status;
    }

    public Map<String, Object> json() {
        return body;
    }

    private static Map<String, Object> body(String message, String kind) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", message);
        out.put("kind", kind);
        return out;
    }

    private static void addPosition(Map<String, Object> body, ErrorPosition p, String detail) {
        body.put("line", p.line());
        body.put("column", p.column());
        body.put("expected", p.expected());
        body.put("hint", p.hint());
        body.put("detail", detail);
    }
}
