package io.voronka.engine.path;

import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.TimeRange;
import io.voronka.engine.query.PathsQuery;
import io.voronka.engine.result.PathFlow;
import io.voronka.engine.result.PathLink;
import io.voronka.engine.result.PathNode;
import io.voronka.engine.result.PathsResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paths evaluator equals {@link ReferencePaths} on seeded random stores with many same-second events: nodes
 * (with "other" and "end"), links and whole paths, for random start/stop events, depths, tops, collapsing and
 * ranges, on one and three threads. A failure prints the seed and the query.
 */
class PathsEquivalenceTest {
    private static ForkJoinPool one;
    private static ForkJoinPool three;

    @BeforeAll
    static void pools() {
        one = new ForkJoinPool(1);
        three = new ForkJoinPool(3);
    }

    @AfterAll
    static void shutdown() {
        one.shutdown();
        three.shutdown();
    }

    @Test
    void diagramMatchesReferenceDefinition() {
        int nonTrivial = 0;
        for (int s = 0; s < 5; s++) {
            long seed = 4211L * (s + 1);
            EventStore store = RandomPaths.store(seed, 250, 12);
            SplittableRandom r = new SplittableRandom(seed * 17);
            for (int i = 0; i < 40; i++) {
                PathsQuery q = RandomPaths.paths(r);
                int[] range = RandomPaths.range(r);
                String where = "store seed " + seed + ", query " + i + ": " + q + ", range " + Arrays.toString(range);
                PathsResult fast = (PathsResult) new PathsEvaluator(i % 2 == 0 ? one : three)
                        .evaluate(q, store, new TimeRange(range[0], range[1]), Deadline.NONE);
                Map<List<Integer>, Long> ref = ReferencePaths.paths(store, q, range[0], range[1]);
                compare(where, store.types(), q, ref, fast);
                if (fast.links().size() > 5) {
                    nonTrivial++;
                }
            }
        }
        assertTrue(nonTrivial > 100, "most random diagrams should have several links, only " + nonTrivial + " had");
    }

    @Test
    void pathsTooLongToPackInALongMatchReferenceDefinition() {
        EventStore store = RandomPaths.store(31337, 300, 40);
        TimeRange all = new TimeRange(Integer.MIN_VALUE, Integer.MAX_VALUE);
        for (int depth : new int[]{21, 30, PathsQuery.MAX_DEPTH}) {
            PathsQuery q = new PathsQuery(List.of(), List.of(), depth, PathsQuery.MAX_TOP, false,
                    io.voronka.engine.query.DateRange.all(), io.voronka.engine.query.UserFilter.NONE);
            PathsResult fast = (PathsResult) new PathsEvaluator(three).evaluate(q, store, all, Deadline.NONE);
            compare("depth " + depth, store.types(), q, ReferencePaths.paths(store, q, all.from(), all.to()), fast);
            assertTrue(fast.positions() > 20, "long paths exist, " + fast.positions() + " positions");
        }
    }

    @Test
    void answerDoesNotDependOnThreads() {
        EventStore store = RandomPaths.store(99, 400, 14);
        PathsQuery q = PathsQuery.of();
        TimeRange all = new TimeRange(Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertEquals(new PathsEvaluator(one).evaluate(q, store, all, Deadline.NONE),
                new PathsEvaluator(three).evaluate(q, store, all, Deadline.NONE));
    }

    private static void compare(String where, EventTypes types, PathsQuery q, Map<List<Integer>, Long> ref,
                                PathsResult fast) {
        long users = ref.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(users, fast.users(), where + ": users");
        Map<String, Long> expectedNodes = new TreeMap<>();
        Map<String, Long> expectedLinks = new TreeMap<>();
        expected(types, q, ref, expectedNodes, expectedLinks);
        Map<String, Long> nodes = new TreeMap<>();
        for (PathNode n : fast.nodes()) {
            nodes.merge(key(n), n.users(), Long::sum);
        }
        Map<String, Long> links = new TreeMap<>();
        for (PathLink l : fast.links()) {
            links.merge(key(fast.nodes().get(l.from())) + " -> " + key(fast.nodes().get(l.to())), l.users(),
                    Long::sum);
        }
        assertEquals(expectedNodes, nodes, where + ": nodes");
        assertEquals(expectedLinks, links, where + ": links");
        List<Long> topCounts = ref.values().stream().sorted(Comparator.reverseOrder())
                .limit(PathsEvaluator.FLOWS).toList();
        assertEquals(topCounts, fast.flows().stream().map(PathFlow::users).toList(), where + ": flow counts");
        for (PathFlow flow : fast.flows()) {
            List<Integer> path = flow.events().stream().map(types::codeOfName).toList();
            assertEquals(ref.get(path), flow.users(), where + ": flow " + flow.events());
        }
    }

    private static String key(PathNode n) {
        return n.position() + ":" + switch (n.kind()) {
            case EVENT -> n.event();
            case OTHER -> "(other)";
            case END -> "(end)";
        };
    }

    /** Nodes and links from whole paths: per position the top types by users (ties by the same-second order). */
    private static void expected(EventTypes types, PathsQuery q, Map<List<Integer>, Long> ref,
                                 Map<String, Long> nodes, Map<String, Long> links) {
        List<List<String>> labels = new ArrayList<>();
        for (int pos = 0; pos < q.depth(); pos++) {
            Map<Integer, Long> counts = new TreeMap<>();
            for (Map.Entry<List<Integer>, Long> e : ref.entrySet()) {
                if (e.getKey().size() > pos) {
                    counts.merge(e.getKey().get(pos), e.getValue(), Long::sum);
                }
            }
            List<Integer> byUsers = new ArrayList<>(counts.keySet());
            byUsers.sort(Comparator.comparing((Integer t) -> -counts.get(t))
                    .thenComparing(t -> types.externalId(t) == EventTypes.NO_ID)
                    .thenComparingLong(types::externalId).thenComparing(types::name));
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < Math.min(q.top(), byUsers.size()); i++) {
                kept.add(types.name(byUsers.get(i)));
            }
            labels.add(kept);
        }
        for (Map.Entry<List<Integer>, Long> e : ref.entrySet()) {
            List<Integer> path = e.getKey();
            String previous = null;
            for (int pos = 0; pos < path.size(); pos++) {
                String name = types.name(path.get(pos));
                String node = (pos + 1) + ":" + (labels.get(pos).contains(name) ? name : "(other)");
                nodes.merge(node, e.getValue(), Long::sum);
                if (previous != null) {
                    links.merge(previous + " -> " + node, e.getValue(), Long::sum);
                }
                previous = node;
            }
            if (path.size() < q.depth()) {
                String end = (path.size() + 1) + ":(end)";
                nodes.merge(end, e.getValue(), Long::sum);
                links.merge(previous + " -> " + end, e.getValue(), Long::sum);
            }
        }
    }
}
