package io.voronka.bench;

import io.voronka.engine.eval.Planning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmarks' fast kernels and their naive baselines give the same answers. */
class KernelBenchmarksTest {
    private KernelBenchmarks bench;

    @BeforeEach
    void setUp() {
        bench = new KernelBenchmarks();
        bench.events = 200_000;
        bench.threads = 2;
        bench.planning = Planning.INDEX;
        bench.setUp();
    }

    @AfterEach
    void tearDown() {
        bench.tearDown();
    }

    @Test
    void funnelEqualsNaiveBaseline() {
        List<Long> naive = new ArrayList<>();
        for (long n : bench.funnelNaive()) {
            naive.add(n);
        }
        assertEquals(naive, bench.funnel());
        assertTrue(naive.get(3) > 0);
    }

    @Test
    void everyQuestionHasTheSameAnswerWithAndWithoutTheIndex() {
        KernelBenchmarks scan = new KernelBenchmarks();
        scan.events = bench.events;
        scan.threads = 2;
        scan.planning = Planning.SCAN;
        scan.setUp();
        try {
            for (Question q : Question.values()) {
                Map<String, Double> indexed = bench.answer(q);
                // sums of money add in another order through the postings: equal to the cent, not to the last bit
                assertEquals(List.of(), Answers.differences(scan.answer(q), indexed), q.title());
                assertTrue(!indexed.isEmpty(), q.title());
            }
            assertEquals(scan.funnel(), bench.funnel());
            assertEquals(scan.distinctUsersPerDay(), bench.distinctUsersPerDay());
        } finally {
            scan.tearDown();
        }
    }

    @Test
    void distinctUsersPerDayEqualsNaiveBaseline() {
        List<Double> fast = bench.distinctUsersPerDay();
        Map<LocalDate, Integer> naive = new TreeMap<>(bench.distinctUsersPerDayNaive());
        List<Double> expected = new ArrayList<>();
        for (int n : naive.values()) {
            expected.add((double) n);
        }
        assertEquals(expected, fast);
    }
}
