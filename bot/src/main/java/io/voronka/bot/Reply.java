package io.voronka.bot;

import java.util.List;

/** An answer for a chat: monospace text (a table or an error with its caret line) and charts. */
public record Reply(String text, List<Chart> charts, boolean error) {
    public Reply {
        text = text == null ? "" : text;
        charts = List.copyOf(charts);
    }

    public static Reply text(String text) {
        return new Reply(text, List.of(), false);
    }

    public static Reply error(String text) {
        return new Reply(text, List.of(), true);
    }
}
