package io.voronka.engine.error;

import java.util.List;

/**
 * Where in a piece of text (a query) an error is: 1-based line and column, what could have come there (in words),
 * a hint ("did you mean 'pay'?", or empty) and a preview of the line with a caret under the problem.
 */
public record ErrorPosition(int line, int column, List<String> expected, String hint, String preview) {
    public ErrorPosition {
        expected = List.copyOf(expected);
        hint = hint == null ? "" : hint;
        preview = preview == null ? "" : preview;
    }
}
