package io.voronka.bot;

import java.util.ArrayList;
import java.util.List;

/** Text for Telegram's HTML parse mode: escaped, monospace, split under the 4096-character message limit. */
final class TelegramText {
    static final int LIMIT = 4096;
    private static final String OPEN = "<pre>";
    private static final String CLOSE = "</pre>";

    private TelegramText() {
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Monospace messages, each a complete {@code <pre>} block under the limit, split at line ends. */
    static List<String> monospace(String text) {
        List<String> parts = new ArrayList<>();
        int room = LIMIT - OPEN.length() - CLOSE.length();
        StringBuilder current = new StringBuilder();
        for (String line : text.stripTrailing().split("\n", -1)) {
            String escaped = escape(line);
            while (escaped.length() > room) {
                flush(parts, current);
                int cut = room;
                int amp = escaped.lastIndexOf('&', cut - 1);
                if (amp > 0 && escaped.indexOf(';', amp) >= cut) {
                    cut = amp; // never split an entity such as &amp;
                }
                parts.add(OPEN + escaped.substring(0, cut) + CLOSE);
                escaped = escaped.substring(cut);
            }
            if (current.length() + escaped.length() + 1 > room) {
                flush(parts, current);
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(escaped);
        }
        flush(parts, current);
        return parts;
    }

    private static void flush(List<String> parts, StringBuilder current) {
        if (current.length() > 0 && !current.toString().isBlank()) {
            parts.add(OPEN + current + CLOSE);
        }
        current.setLength(0);
    }
}
