package io.voronka.dsl;

import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.store.CostTable;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.Times;
import io.voronka.engine.store.UserKeyKind;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every documented query also evaluates: parsed against the demo CRM's own dictionary (the seed CRM's ids, Russian
 * names and English aliases) plus Afisha-like visits/orders and seed 004's calls/sales, and run by the engine.
 */
class QueryLanguageDocEvaluationTest {
    private static EventStore store;
    private static Catalog catalog;
    private static QueryEngine engine;

    @BeforeAll
    static void demo() {
        StoreBuilder builder = new StoreBuilder(UserKeyKind.INT64, DemoCrm.ZONE);
        new DemoCrm(17, 150_000).generate(new DemoStoreSink(builder));
        addOtherSeeds(builder);
        CostTable.Builder costs = new CostTable.Builder("utm_source");
        long day = DemoCrm.FIRST_DAY.atStartOfDay(DemoCrm.ZONE).toEpochSecond();
        for (int d = 0; d < 365; d++) {
            costs.add("yandex", Times.toStored(day + d * 86_400L), 1000);
            costs.add("vk", Times.toStored(day + d * 86_400L), 400);
        }
        store = builder.build(2).withCosts(costs.build());
        catalog = Catalog.of(store);
        engine = new QueryEngine(2);
    }

    /** Afisha-like visits and orders (seeds 002/003) and seed 004's calls and sales, for the same users. */
    private static void addOtherSeeds(StoreBuilder b) {
        SplittableRandom r = new SplittableRandom(4);
        int site = b.source("afisha");
        int calls = b.source("calls");
        int visit = b.types().constant("visit");
        int order = b.types().constant("order");
        int call = b.types().constant("call");
        int sale = b.types().constant("sale");
        int sourceId = b.dimension("source_id");
        int device = b.dimension("device");
        int group = b.dimension("operator_group");
        int department = b.dimension("department");
        int product = b.dimension("product");
        long start = DemoCrm.FIRST_DAY.atStartOfDay(DemoCrm.ZONE).toEpochSecond();
        for (long key = DemoCrm.FIRST_USER_ID; key < DemoCrm.FIRST_USER_ID + 3000; key++) {
            int user = b.users().internLong(key);
            long t = start + r.nextLong(360L * 86400);
            int v = b.append(site, user, visit, t);
            b.dimensionValue(v, sourceId, b.dimensionAt(sourceId).intern(Integer.toString(1 + r.nextInt(10))));
            b.dimensionValue(v, device, b.dimensionAt(device).intern(r.nextBoolean() ? "desktop" : "touch"));
            if (r.nextInt(4) == 0) {
                b.value(b.append(site, user, order, t + r.nextInt(86400 * 30)), 1 + r.nextInt(50));
            }
            int c = b.append(calls, user, call, t + 600);
            b.dimensionValue(c, group, b.dimensionAt(group).intern("group " + r.nextInt(4)));
            b.dimensionValue(c, department, b.dimensionAt(department).intern("dept " + r.nextInt(2)));
            b.dimensionValue(c, product, b.dimensionAt(product).intern("product " + r.nextInt(3)));
            if (r.nextInt(3) == 0) {
                b.append(calls, user, sale, t + 1200);
            }
        }
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedQueryEvaluatesOnTheDemoCrm() throws IOException {
        return QueryLanguageDocTest.examples().stream().map(example -> DynamicTest.dynamicTest(
                "line " + example.line() + ": " + example.query(), () -> {
                    QueryResult result = engine.execute(QueryParser.parse(example.query(), catalog), store);
                    assertNotNull(result);
                }));
    }
}
