package io.voronka.dsl;

import io.voronka.engine.query.AcquisitionQuery;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.ActivityQuery;
import io.voronka.engine.query.PathsQuery;
import io.voronka.engine.query.Query;
import io.voronka.engine.query.SessionQuery;
import io.voronka.engine.query.RateQuery;
import io.voronka.engine.query.ValueQuery;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.query.TimeInStatusQuery;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every query in a ```voronka block of docs/query-language.md parses into the kind the block names. */
class QueryLanguageDocTest {
    private static final Path DOC = Path.of("..", "docs", "query-language.md");
    private static final Map<String, Class<? extends Query>> KINDS = Map.of(
            "funnel", FunnelQuery.class, "metric", MetricQuery.class, "retention", RetentionQuery.class,
            "acquisition", AcquisitionQuery.class, "rate", RateQuery.class, "value", ValueQuery.class,
            "session", SessionQuery.class, "activity", ActivityQuery.class, "paths", PathsQuery.class,
            "time", TimeInStatusQuery.class);

    record Example(int line, String kind, String query) {
    }

    static List<Example> examples() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        List<Example> examples = new ArrayList<>();
        String kind = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (kind == null && line.startsWith("```voronka")) {
                kind = line.substring("```voronka".length()).strip();
            } else if (kind != null && line.equals("```")) {
                kind = null;
            } else if (kind != null && !line.isEmpty()) {
                examples.add(new Example(i + 1, kind, line));
            }
        }
        return examples;
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedQueryParsesIntoItsKind() throws IOException {
        Catalog catalog = SeedCatalog.catalog();
        return examples().stream().map(example -> DynamicTest.dynamicTest(
                "line " + example.line() + ": " + example.query(), () -> {
                    Class<? extends Query> kind = KINDS.get(example.kind());
                    assertTrue(kind != null, "block kind '" + example.kind() + "' at line " + example.line());
                    assertInstanceOf(kind, QueryParser.parse(example.query(), catalog));
                }));
    }

    @Test
    void docHasExamplesOfEveryKindAndEverySeed() throws IOException {
        List<Example> examples = examples();
        for (String kind : KINDS.keySet()) {
            assertTrue(examples.stream().anyMatch(e -> e.kind().equals(kind)), "no " + kind + " example");
        }
        assertTrue(examples.size() >= 60, "examples found: " + examples.size());
        String doc = Files.readString(DOC);
        for (String seed : List.of("Seed 000", "Seed 001", "Seeds 002 and 003", "Seed 004")) {
            assertTrue(doc.contains(seed), seed);
        }
    }

    @Test
    void docStatesTheDefaultWindowOfTheModel() throws IOException {
        String doc = Files.readString(DOC);
        assertTrue(doc.contains("| `within 14d` |"), "the window row");
        assertEquals(14L * 24 * 3600, FunnelQuery.DEFAULT_WINDOW_SECONDS);
    }
}
