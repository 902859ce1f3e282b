package io.voronka.engine.error;

import java.util.Objects;
import java.util.Optional;

/**
 * The one exception base of Voronka: a message for a person and the {@link ErrorKind} that decides how each edge
 * answers. User errors in text carry an {@link ErrorPosition}. Anything that is not a {@code VoronkaException}
 * reaching an edge is a bug and answered as {@link ErrorKind#INTERNAL}.
 */
public class VoronkaException extends RuntimeException {
    private final ErrorKind kind;
    private final String problem;
    private final ErrorPosition position;

    public VoronkaException(ErrorKind kind, String message) {
        this(kind, message, message, null, null);
    }

    public VoronkaException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, message, null, cause);
    }

    /**
     * @param message  the full readable text (for positioned errors with the caret line)
     * @param problem  the same in one sentence, without the position
     * @param position where in the text, or null
     */
    protected VoronkaException(ErrorKind kind, String message, String problem, ErrorPosition position,
                               Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.problem = problem;
        this.position = position;
    }

    /** A request that is wrong; the message says what and how to fix it. */
    public static VoronkaException user(String message) {
        return new VoronkaException(ErrorKind.USER, message);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** What is wrong in one sentence, without the position ("unknown event name 'pya'"). */
    public String problem() {
        return problem;
    }

    public Optional<ErrorPosition> position() {
        return Optional.ofNullable(position);
    }
}
