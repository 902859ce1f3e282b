package io.voronka.engine.result;

import io.voronka.engine.stats.MannWhitneyTest;

import java.util.List;

/**
 * Mann–Whitney U between the two groups of a family ({@code first} against {@code second}), made wherever a family of
 * a value query has exactly two groups: "does call duration differ between successful and failed calls".
 */
public record TwoGroupTest(String bucket, List<String> first, List<String> second, MannWhitneyTest test) {
    public TwoGroupTest {
        first = List.copyOf(first);
        second = List.copyOf(second);
    }
}
