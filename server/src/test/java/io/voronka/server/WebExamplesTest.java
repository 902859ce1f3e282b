package io.voronka.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.result.QueryResult;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples one click away on the web page run on the demo CRM: none of them answers with an error. */
class WebExamplesTest {
    @Test
    void everyExampleOfThePageRunsOnTheDemoData() throws Exception {
        JsonNode examples;
        try (InputStream in = WebExamplesTest.class.getResourceAsStream("/web/examples.json")) {
            assertNotNull(in, "web/examples.json is in the jar");
            examples = new ObjectMapper().readTree(in).get("examples");
        }
        assertTrue(examples.size() >= 10, "a useful set of examples");
        StoreHolder stores = new StoreHolder(LoadedStore.of(DemoStoreSink.build(7, 40_000, 2), "demo"), null);
        try (QueryService queries = new QueryService(stores, 2, Duration.ofSeconds(30))) {
            for (JsonNode example : examples) {
                String text = example.get("query").asText();
                assertTrue(!example.get("title").asText().isBlank(), text);
                try {
                    QueryResult result = queries.run(text);
                    assertNotNull(result, text);
                } catch (VoronkaException e) {
                    throw new AssertionError("the example '" + text + "' fails: " + e.getMessage(), e);
                }
            }
        }
    }
}
