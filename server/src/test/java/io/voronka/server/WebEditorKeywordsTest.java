package io.voronka.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web editor's completion lists keep up with the language: every keyword of the grammar (a lexer rule made of
 * lower-case words only; one of a rule's synonyms is enough) is offered somewhere, and every word that starts a
 * query is one an event name must be quoted for.
 */
class WebEditorKeywordsTest {
    private static final Path GRAMMAR = Path.of("..", "dsl", "src", "main", "antlr4", "io", "voronka", "dsl", "grammar",
            "VoronkaQuery.g4");
    private static final Path EDITOR = Path.of("src", "main", "resources", "web", "js", "editor.js");

    @Test
    void everyKeywordOfTheGrammarIsOffered() throws IOException {
        String editor = Files.readString(EDITOR);
        Set<String> offered = new HashSet<>();
        for (String list : List.of("STARTS", "CLAUSES", "BUCKETS")) {
            for (String entry : entries(editor, list)) {
                offered.addAll(List.of(entry.split(" ")));
            }
        }
        List<String> missing = new ArrayList<>();
        int keywords = 0;
        Matcher rule = Pattern.compile("(?m)^([A-Z_]+)\\s*:\\s*([^;]+);").matcher(Files.readString(GRAMMAR));
        while (rule.find()) {
            List<String> literals = new ArrayList<>();
            boolean onlyWords = true;
            for (String alternative : rule.group(2).split("\\|")) {
                Matcher literal = Pattern.compile("^\\s*'([a-z_]+)'\\s*$").matcher(alternative);
                if (literal.matches()) {
                    literals.add(literal.group(1));
                } else {
                    onlyWords = false;
                }
            }
            if (!onlyWords || literals.isEmpty() || rule.group(1).equals("DURATION")) {
                continue;
            }
            keywords++;
            if (literals.stream().noneMatch(offered::contains)) {
                missing.add(rule.group(1) + " " + literals);
            }
        }
        assertTrue(keywords > 60, "keywords read from the grammar: " + keywords);
        assertEquals(List.of(), missing, "keywords the editor never offers");
    }

    @Test
    void everyStartWordIsReservedForEventNames() throws IOException {
        String editor = Files.readString(EDITOR);
        Matcher reserved = Pattern.compile("const RESERVED = /(.+)/;").matcher(editor);
        assertTrue(reserved.find(), "the RESERVED pattern in editor.js");
        Pattern words = Pattern.compile(reserved.group(1));
        for (String start : entries(editor, "STARTS")) {
            String first = start.split(" ")[0];
            assertTrue(words.matcher(first).matches(), "'" + first + "' starts a query but is not quoted as a name");
        }
        assertTrue(words.matcher("p99").matches() && !words.matcher("pay").matches() && !words.matcher("p100")
                .matches(), "percentiles p1 … p99 only");
    }

    private static List<String> entries(String editor, String list) {
        Matcher m = Pattern.compile("const " + list + " = \\[([^\\]]*)\\]", Pattern.DOTALL).matcher(editor);
        assertTrue(m.find(), list + " in editor.js");
        List<String> out = new ArrayList<>();
        Matcher entry = Pattern.compile("'([^']+)'").matcher(m.group(1));
        while (entry.find()) {
            out.add(entry.group(1));
        }
        return out;
    }
}
