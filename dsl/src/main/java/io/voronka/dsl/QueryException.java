package io.voronka.dsl;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.ErrorPosition;
import io.voronka.engine.error.VoronkaException;

import java.util.List;

/**
 * A query that could not be parsed: a {@link ErrorKind#USER} error with where (1-based line and column), what was
 * found there, what could have come instead (in words), a hint, and a preview of the source line with a caret
 * under the problem. {@link #problem()} is the sentence without the position.
 */
public final class QueryException extends VoronkaException {
    private final int line;
    private final int column;
    private final String offendingToken;
    private final List<String> expected;
    private final String hint;
    private final String preview;

    public QueryException(String problem, int line, int column, String offendingToken, List<String> expected,
                          String hint, String preview) {
        super(ErrorKind.USER, render(problem, line, column, expected, hint, preview), problem,
                new ErrorPosition(line, column, expected, hint, preview), null);
        this.line = line;
        this.column = column;
        this.offendingToken = offendingToken;
        this.expected = List.copyOf(expected);
        this.hint = hint;
        this.preview = preview;
    }

    /** 1-based line of the problem. */
    public int line() {
        return line;
    }

    /** 1-based column (in characters) of the problem. */
    public int column() {
        return column;
    }

    /** The text at the problem's position, empty at the end of the query. */
    public String offendingToken() {
        return offendingToken;
    }

    /** What could have come there, in words ("a duration like 14d"); empty when the shape was fine. */
    public List<String> expected() {
        return expected;
    }

    /** A suggestion ("did you mean 'pay'?"), or empty. */
    public String hint() {
        return hint;
    }

    /** The source line and a caret line under the problem. */
    public String preview() {
        return preview;
    }

    private static String render(String problem, int line, int column, List<String> expected, String hint,
                                 String preview) {
        StringBuilder text = new StringBuilder();
        text.append(line).append(':').append(column).append(": ").append(problem);
        if (!expected.isEmpty()) {
            text.append("; expected ").append(joinAlternatives(expected));
        }
        text.append('.');
        for (String previewLine : preview.split("\n", -1)) {
            text.append("\n    ").append(previewLine);
        }
        if (!hint.isEmpty()) {
            text.append('\n').append(hint);
        }
        return text.toString();
    }

    private static String joinAlternatives(List<String> alternatives) {
        if (alternatives.size() == 1) {
            return alternatives.get(0);
        }
        String allButLast = String.join(", ", alternatives.subList(0, alternatives.size() - 1));
        return allButLast + " or " + alternatives.get(alternatives.size() - 1);
    }
}
