package io.voronka.server;

import io.voronka.dsl.Catalog;
import io.voronka.dsl.QueryParser;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.QueryTimeoutException;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.FunnelRow;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.testing.HeavyUserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hard limits of one query (issue 11) on a store with one very heavy user and a 50k-value dimension: the deadline
 * is checked inside one user's work, answers too large are refused before the scan with a suggestion of
 * {@code top K}, and {@code top K} keeps the largest groups.
 */
class QueryLimitsTest {
    private static EventStore store;
    private static Catalog catalog;
    private static QueryEngine engine;

    @BeforeAll
    static void build() {
        store = HeavyUserStore.build(40_000, 20_000);
        catalog = LoadedStore.of(store, "heavy").catalog();
        engine = new QueryEngine(2);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static QueryResult run(String text, Deadline deadline) {
        return engine.execute(QueryParser.parse(text, catalog), store, null, deadline);
    }

    /** Checks between blocks of users are few here (the store has a few thousand users, one block per range). */
    private static final int CHECKS_BETWEEN_BLOCKS = 1_000;

    @Test
    void deadlineIsCheckedInsideOneHeavyUsersAnyOrderSearch() {
        // the heavy user never does step 11, so every start rescans its 30-day window
        assertThrows(QueryTimeoutException.class, () -> run("3 > 4 > 7 > 11 any order within 30d",
                Deadline.afterChecks(CHECKS_BETWEEN_BLOCKS)));
    }

    @Test
    void deadlineIsCheckedInsideOneHeavyUsersConversionCount() {
        // count conversions searches from every entry of the heavy user: quadratic in its events
        assertThrows(QueryTimeoutException.class, () -> run("3 > 4 > 11 within 365d count conversions",
                Deadline.afterChecks(CHECKS_BETWEEN_BLOCKS)));
    }

    @Test
    void lightQueriesPassTheSameCheckBudget() {
        assertInstanceOf(FunnelResult.class, run("3 > 4 > 7", Deadline.afterChecks(CHECKS_BETWEEN_BLOCKS)));
    }

    @Test
    void tooLargeBreakdownIsRefusedBeforeTheScanSuggestingTop() {
        VoronkaException e = assertThrows(VoronkaException.class,
                () -> run("users per day by d50k", Deadline.afterChecks(1)));
        assertEquals(ErrorKind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("top 20 d50k"), e.getMessage());
        assertTrue(e.getMessage().contains("50,001 groups"), e.getMessage());
    }

    @Test
    void funnelByFiftyThousandValuesAnswersEveryGroupOnce() {
        FunnelResult r = (FunnelResult) run("3 > 4 by d50k", Deadline.NONE);
        long entries = r.rows().stream().skip(1).mapToLong(row -> row.reached().get(0)).sum();
        assertEquals(r.rows().get(0).reached().get(0), entries, "groups add up to all");
        assertTrue(r.rows().size() > 1_000, "many groups: " + r.rows().size());
    }

    @Test
    void topKeepsTheLargestGroupsLargestFirst() {
        FunnelResult all = (FunnelResult) run("3 > 4 by utm_source", Deadline.NONE);
        FunnelResult top = (FunnelResult) run("3 > 4 top 2 utm_source", Deadline.NONE);
        List<FunnelRow> groups = all.rows().subList(1, all.rows().size()).stream()
                .sorted((a, b) -> Long.compare(b.reached().get(0), a.reached().get(0))).toList();
        assertEquals(3, top.rows().size(), "all + 2 groups");
        assertEquals(all.rows().get(0), top.rows().get(0), "the all row is unchanged");
        assertEquals(groups.subList(0, 2), top.rows().subList(1, 3));
    }

    @Test
    void metricTopAnswersWhatTheFullBreakdownCannot() {
        SeriesResult top = (SeriesResult) run("users per day top 5 d50k", Deadline.NONE);
        assertEquals(5, top.series().size());
        double first = top.series().get(0).values().stream().mapToDouble(Double::doubleValue).sum();
        double last = top.series().get(4).values().stream().mapToDouble(Double::doubleValue).sum();
        assertTrue(first >= last, "largest first: " + first + " then " + last);
    }
}
