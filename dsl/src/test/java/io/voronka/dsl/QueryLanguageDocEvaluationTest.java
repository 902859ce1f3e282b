package io.voronka.dsl;

import io.voronka.engine.demo.DemoAfisha;
import io.voronka.engine.demo.DemoCallCentre;
import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.store.CostTable;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.Times;
import io.voronka.engine.store.UserKeyKind;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.query.AcquisitionQuery;
import io.voronka.engine.query.Query;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every documented query also evaluates: parsed against the demo CRM's own dictionary (the seed CRM's ids, Russian
 * names and English aliases) plus the Afisha-like visits/orders/costs and seed 004's call centre, and run by the
 * engine.
 */
class QueryLanguageDocEvaluationTest {
    private static EventStore store;
    /** The same events with Afisha-style spend per source_id (a store carries the costs of one dimension). */
    private static EventStore afishaCosts;
    private static Catalog catalog;
    private static QueryEngine engine;

    @BeforeAll
    static void demo() {
        StoreBuilder builder = new StoreBuilder(UserKeyKind.INT64, DemoCrm.ZONE);
        new DemoCrm(17, 150_000).generate(new DemoStoreSink(builder));
        DemoAfisha afisha = new DemoAfisha(3, 5000);
        afisha.addTo(builder);
        new DemoCallCentre(4, 2000).addTo(builder);
        CostTable.Builder costs = new CostTable.Builder("utm_source");
        long day = DemoCrm.FIRST_DAY.atStartOfDay(DemoCrm.ZONE).toEpochSecond();
        for (int d = 0; d < 365; d++) {
            costs.add("yandex", Times.toStored(day + d * 86_400L), 1000);
            costs.add("vk", Times.toStored(day + d * 86_400L), 400);
        }
        store = builder.build(2).withCosts(costs.build());
        afishaCosts = store.withCosts(afisha.costs());
        catalog = Catalog.of(store);
        engine = new QueryEngine(2);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedQueryEvaluatesOnTheDemoCrm() throws IOException {
        return QueryLanguageDocTest.examples().stream().map(example -> DynamicTest.dynamicTest(
                "line " + example.line() + ": " + example.query(), () -> {
                    Query query = QueryParser.parse(example.query(), catalog);
                    boolean perSourceId = query instanceof AcquisitionQuery a
                            && a.dimension().filter("source_id"::equals).isPresent();
                    QueryResult result = engine.execute(query, perSourceId ? afishaCosts : store);
                    assertNotNull(result);
                }));
    }
}
