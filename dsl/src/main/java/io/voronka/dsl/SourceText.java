package io.voronka.dsl;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.util.List;

/**
 * The query text, for turning a position into a {@link QueryException} with a preview. ANTLR counts lines from 1
 * and columns from 0 (in code points); errors count both from 1.
 */
final class SourceText {
    /** Long lines are cut around the problem so a preview stays readable in a chat. */
    private static final int PREVIEW_RADIUS = 60;

    private final String[] lines;

    SourceText(String text) {
        this.lines = text.split("\n", -1);
    }

    QueryException errorAt(Token token, String problem, List<String> expected, String hint) {
        String text = token.getType() == Token.EOF ? "" : token.getText();
        return error(token.getLine(), token.getCharPositionInLine() + 1, text, problem, expected, hint);
    }

    /** An error under a whole construct (a clause), the caret spanning it while it stays on one line. */
    QueryException errorAt(ParserRuleContext construct, String problem, List<String> expected, String hint) {
        Token start = construct.getStart();
        Token stop = construct.getStop();
        if (stop == null || stop.getLine() != start.getLine() || stop.getType() == Token.EOF) {
            return errorAt(start, problem, expected, hint);
        }
        int width = stop.getCharPositionInLine() + codePointLength(stop.getText()) - start.getCharPositionInLine();
        String text = lineAt(start.getLine());
        int column = start.getCharPositionInLine() + 1;
        String covered = codePointSlice(text, column - 1, width);
        return new QueryException(problem, start.getLine(), column, covered, expected, hint,
                preview(start.getLine(), column, width));
    }

    QueryException error(int line, int column, String offendingText, String problem, List<String> expected,
                         String hint) {
        int width = Math.max(1, codePointLength(offendingText));
        return new QueryException(problem, line, column, offendingText, expected, hint, preview(line, column, width));
    }

    /** 1-based line and column of a character index (UTF-16) in the text. */
    int[] lineAndColumnOf(int index) {
        int remaining = index;
        for (int i = 0; i < lines.length; i++) {
            if (remaining <= lines[i].length()) {
                return new int[] {i + 1, lines[i].codePointCount(0, remaining) + 1};
            }
            remaining -= lines[i].length() + 1;
        }
        String last = lines[lines.length - 1];
        return new int[] {lines.length, last.codePointCount(0, last.length()) + 1};
    }

    private String preview(int line, int column, int width) {
        String text = lineAt(line);
        int[] codePoints = text.codePoints().toArray();
        int from = Math.max(0, column - 1 - PREVIEW_RADIUS);
        int to = Math.min(codePoints.length, column - 1 + width + PREVIEW_RADIUS);
        StringBuilder source = new StringBuilder();
        StringBuilder caret = new StringBuilder();
        if (from > 0) {
            source.append('…');
            caret.append(' ');
        }
        for (int i = from; i < to; i++) {
            source.appendCodePoint(codePoints[i]);
        }
        if (to < codePoints.length) {
            source.append('…');
        }
        for (int i = from; i < Math.min(column - 1, codePoints.length); i++) {
            caret.append(codePoints[i] == '\t' ? '\t' : ' ');
        }
        caret.append("^".repeat(width));
        return source + "\n" + caret;
    }

    private String lineAt(int line) {
        if (line < 1 || line > lines.length) {
            return "";
        }
        String text = lines[line - 1];
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static int codePointLength(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String codePointSlice(String text, int fromCodePoint, int count) {
        int[] codePoints = text.codePoints().skip(fromCodePoint).limit(count).toArray();
        return new String(codePoints, 0, codePoints.length);
    }
}
