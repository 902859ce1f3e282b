package io.voronka.engine.path;

import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.EventMatcher;
import io.voronka.engine.eval.MergingEvaluator;
import io.voronka.engine.eval.PartialAnswer;
import io.voronka.engine.eval.TimeRange;
import io.voronka.engine.eval.UserScan;
import io.voronka.engine.query.PathsQuery;
import io.voronka.engine.result.PathFlow;
import io.voronka.engine.result.PathLink;
import io.voronka.engine.result.PathNode;
import io.voronka.engine.result.PathsResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.Segment;
import it.unimi.dsi.fastutil.longs.Long2LongMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.Object2LongMap;
import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;

/**
 * Paths (Sankey diagrams): each user's sequence of event types from the start event (see {@link PathsQuery}) is
 * counted as it is, per position and per pair of consecutive positions; the top event types of each position
 * and the most common paths are chosen after all users are counted (in {@link #finish}, after the partial answers of
 * every partition are added), so "other" is exact. Results depend neither on the number of threads nor on the
 * partitions.
 *
 * <pre>
 * nodes[position * T + type]                      users whose path has type at position (0-based; sparse)
 * links[(position * (T + 1) + a) * (T + 1) + b]  users going from a at position to b at position + 1; b = T: end
 * packedFlows[1 a b c]                           users per whole path: a leading 1 bit, then `bits` bits per type
 *                                                (when depth * bits < 63, the usual case: no allocation per user)
 * flows["\u0003\u0007…"]                         otherwise: one char per type code
 * </pre>
 */
public final class PathsEvaluator implements MergingEvaluator<PathsQuery, PathsEvaluator.Partial> {
    /** Whole paths listed in a result. */
    public static final int FLOWS = 20;

    private final UserScan scan;

    public PathsEvaluator(ForkJoinPool pool) {
        this.scan = new UserScan(pool);
    }

    @Override
    public Class<Partial> partialType() {
        return Partial.class;
    }

    @Override
    public Partial partial(PathsQuery query, EventStore store, TimeRange range, Deadline deadline) {
        EventTypes types = store.types();
        final int typeCount = Math.max(1, types.size());
        final boolean[] start = query.from().isEmpty() ? null : EventMatcher.typeMask(types, query.from());
        final boolean[] stop = query.to().isEmpty() ? null : EventMatcher.typeMask(types, query.to());
        final int depth = query.depth();
        final boolean collapse = query.collapseRepeats();
        final int[] ranks = SameSecondOrder.ranks(types);
        Tally total = scan.run(store, deadline, () -> new Tally(depth, typeCount, ranks),
                (segment, fromUser, toUser, tally) -> {
                    for (int u = fromUser; u < toUser; u++) {
                        int n = path(segment, u, tally, start, stop, range, depth, collapse);
                        if (n > 0) {
                            tally.count(n);
                        }
                    }
                });
        String[] names = new String[types.size()];
        long[] ids = new long[types.size()];
        for (int c = 0; c < names.length; c++) {
            names[c] = types.name(c);
            ids[c] = types.externalId(c);
        }
        return new Partial(names, ids, depth, typeCount, total.users, total.nodes, total.links, total.bits,
                total.packedFlows, total.flows);
    }

    /** Writes the user's path into the tally's scratch sequence; returns its length (0: no start event). */
    private static int path(Segment segment, int u, Tally tally, boolean[] start, boolean[] stop, TimeRange range,
                            int depth, boolean collapse) {
        final int[] times = segment.times();
        final short[] types = segment.types();
        final int from = segment.offsets()[u];
        final int to = segment.offsets()[u + 1];
        final int[] order = tally.order.order(times, types, from, to);
        final int n = to - from;
        int i = 0;
        while (i < n) {
            int p = order[i];
            if (times[p] >= range.from() && times[p] < range.to() && (start == null || start[types[p]])) {
                break;
            }
            i++;
        }
        if (i == n) {
            return 0;
        }
        final int[] seq = tally.sequence;
        int len = 0;
        for (int j = i; j < n && len < depth; j++) {
            int type = types[order[j]];
            if (collapse && len > 0 && seq[len - 1] == type) {
                continue;
            }
            seq[len++] = type;
            if (j > i && stop != null && stop[type]) {
                break;
            }
        }
        return len;
    }

    @Override
    public PathsResult finish(PathsQuery query, Partial total) {
        final String[] types = total.names;
        final SameSecondOrder order = new SameSecondOrder(SameSecondOrder.ranks(total.ids, total.names));
        final int t = total.typeCount;
        final int depth = total.depth;
        List<PathNode> nodes = new ArrayList<>();
        // node index per (position, type); per position the "other" and "end" nodes
        int[] nodeOf = new int[depth * t];
        int[] otherOf = new int[depth];
        int[] endOf = new int[depth];
        long[] endUsers = new long[depth];
        for (Long2LongMap.Entry e : total.links.long2LongEntrySet()) {
            long key = e.getLongKey();
            int b = (int) (key % (t + 1));
            int position = (int) (key / (t + 1) / (t + 1));
            if (b == t) {
                endUsers[position + 1] += e.getLongValue();
            }
        }
        for (int position = 0; position < depth; position++) {
            List<Integer> present = new ArrayList<>();
            for (int type = 0; type < t; type++) {
                nodeOf[position * t + type] = -1;
                if (total.nodes.get((long) position * t + type) > 0) {
                    present.add(type);
                }
            }
            final int pos = position;
            present.sort(Comparator.comparingLong((Integer type) -> -total.nodes.get((long) pos * t + type))
                    .thenComparingInt(order::rank));
            long other = 0;
            for (int k = 0; k < present.size(); k++) {
                int type = present.get(k);
                long users = total.nodes.get((long) position * t + type);
                if (k < query.top()) {
                    nodeOf[position * t + type] = nodes.size();
                    nodes.add(new PathNode(position + 1, PathNode.Kind.EVENT, types[type], users));
                } else {
                    other += users;
                }
            }
            otherOf[position] = -1;
            if (other > 0) {
                otherOf[position] = nodes.size();
                nodes.add(new PathNode(position + 1, PathNode.Kind.OTHER, null, other));
            }
            endOf[position] = -1;
            if (endUsers[position] > 0) {
                endOf[position] = nodes.size();
                nodes.add(new PathNode(position + 1, PathNode.Kind.END, null, endUsers[position]));
            }
        }
        TreeMap<Long, Long> merged = new TreeMap<>();
        for (Long2LongMap.Entry e : total.links.long2LongEntrySet()) {
            long key = e.getLongKey();
            int b = (int) (key % (t + 1));
            long rest = key / (t + 1);
            int a = (int) (rest % (t + 1));
            int position = (int) (rest / (t + 1));
            int fromNode = nodeOf[position * t + a] >= 0 ? nodeOf[position * t + a] : otherOf[position];
            int toNode = b == t ? endOf[position + 1]
                    : nodeOf[(position + 1) * t + b] >= 0 ? nodeOf[(position + 1) * t + b] : otherOf[position + 1];
            merged.merge((long) fromNode * nodes.size() + toNode, e.getLongValue(), Long::sum);
        }
        List<PathLink> links = new ArrayList<>();
        for (Map.Entry<Long, Long> e : merged.entrySet()) {
            links.add(new PathLink((int) (e.getKey() / nodes.size()), (int) (e.getKey() % nodes.size()), e.getValue()));
        }
        links.sort(Comparator.comparingInt(PathLink::from).thenComparingLong(l -> -l.users())
                .thenComparingInt(PathLink::to));
        return new PathsResult(query, total.users, nodes, links, flows(total, order));
    }

    private record Flow(int[] types, long users) {
    }

    private static List<PathFlow> flows(Partial total, SameSecondOrder order) {
        List<Flow> all = new ArrayList<>();
        for (Long2LongMap.Entry e : total.packedFlows.long2LongEntrySet()) {
            all.add(new Flow(unpack(e.getLongKey(), total.bits), e.getLongValue()));
        }
        for (Object2LongMap.Entry<String> e : total.flows.object2LongEntrySet()) {
            all.add(new Flow(e.getKey().chars().toArray(), e.getLongValue()));
        }
        all.sort(Comparator.comparingLong((Flow f) -> -f.users())
                .thenComparing((a, b) -> byRank(a.types(), b.types(), order)));
        List<PathFlow> flows = new ArrayList<>();
        for (Flow f : all.subList(0, Math.min(FLOWS, all.size()))) {
            List<String> names = new ArrayList<>();
            for (int type : f.types()) {
                names.add(total.names[type]);
            }
            flows.add(new PathFlow(names, f.users()));
        }
        return flows;
    }

    /** Paths compared type by type in the same-second order, so ties between flows break alike on every load. */
    private static int byRank(int[] a, int[] b, SameSecondOrder order) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = Integer.compare(order.rank(a[i]), order.rank(b[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /** The type codes of a path packed with {@code bits} bits per type after a leading 1 bit. */
    private static int[] unpack(long packed, int bits) {
        int n = (63 - Long.numberOfLeadingZeros(packed)) / bits;
        int[] types = new int[n];
        long mask = (1L << bits) - 1;
        for (int i = n - 1; i >= 0; i--) {
            types[i] = (int) (packed & mask);
            packed >>>= bits;
        }
        return types;
    }

    /**
     * Every count a diagram is drawn from, untruncated: users per (position, type) and per link, and users per whole
     * path (so the top types of a position, "other" and the most common paths are chosen after the merge), keyed by
     * type codes of its own table of types (names and external ids). Partial answers with the same table add their
     * counts; otherwise the codes are translated into the union of both tables first.
     */
    public static final class Partial implements PartialAnswer {
        private static final long serialVersionUID = 1L;
        private final String[] names;
        private final long[] ids;
        private final int depth;
        private final int typeCount;
        private long users;
        private final Long2LongOpenHashMap nodes;
        private final Long2LongOpenHashMap links;
        private final int bits;
        private final Long2LongOpenHashMap packedFlows;
        private final Object2LongOpenHashMap<String> flows;

        Partial(String[] names, long[] ids, int depth, int typeCount, long users, Long2LongOpenHashMap nodes,
                Long2LongOpenHashMap links, int bits, Long2LongOpenHashMap packedFlows,
                Object2LongOpenHashMap<String> flows) {
            this.names = names;
            this.ids = ids;
            this.depth = depth;
            this.typeCount = typeCount;
            this.users = users;
            this.nodes = nodes;
            this.links = links;
            this.bits = bits;
            this.packedFlows = packedFlows;
            this.flows = flows;
        }

        @Override
        public Partial plus(PartialAnswer other) {
            Partial o = (Partial) other;
            if (Arrays.equals(names, o.names) && Arrays.equals(ids, o.ids)) {
                addSameTable(o);
                return this;
            }
            List<String> unionNames = new ArrayList<>(Arrays.asList(names));
            LongArrayList unionIds = new LongArrayList(ids);
            Map<String, Integer> codes = new HashMap<>();
            for (int c = 0; c < names.length; c++) {
                codes.put(ids[c] + " " + names[c], c);
            }
            int[] map = new int[o.names.length];
            for (int c = 0; c < o.names.length; c++) {
                Integer code = codes.get(o.ids[c] + " " + o.names[c]);
                if (code == null) {
                    code = unionNames.size();
                    unionNames.add(o.names[c]);
                    unionIds.add(o.ids[c]);
                }
                map[c] = code;
            }
            int[] identity = new int[names.length];
            for (int c = 0; c < identity.length; c++) {
                identity[c] = c;
            }
            Partial union = new Partial(unionNames.toArray(new String[0]), unionIds.toLongArray(), depth,
                    Math.max(1, unionNames.size()), 0, new Long2LongOpenHashMap(), new Long2LongOpenHashMap(), 0,
                    new Long2LongOpenHashMap(), new Object2LongOpenHashMap<>());
            union.addTranslated(this, identity);
            union.addTranslated(o, map);
            return union;
        }

        private void addSameTable(Partial o) {
            users += o.users;
            o.nodes.long2LongEntrySet().forEach(e -> nodes.addTo(e.getLongKey(), e.getLongValue()));
            o.links.long2LongEntrySet().forEach(e -> links.addTo(e.getLongKey(), e.getLongValue()));
            if (bits == o.bits) {
                o.packedFlows.long2LongEntrySet().forEach(e -> packedFlows.addTo(e.getLongKey(), e.getLongValue()));
            } else {
                o.packedFlows.long2LongEntrySet().forEach(e -> flows.addTo(key(unpack(e.getLongKey(), o.bits), null),
                        e.getLongValue()));
            }
            o.flows.object2LongEntrySet().forEach(e -> flows.addTo(e.getKey(), e.getLongValue()));
        }

        /** Adds {@code o}'s counts with its type code c read as {@code map[c]} of this table. */
        private void addTranslated(Partial o, int[] map) {
            final int t = typeCount;
            final int ot = o.typeCount;
            users += o.users;
            for (Long2LongMap.Entry e : o.nodes.long2LongEntrySet()) {
                long key = e.getLongKey();
                nodes.addTo(key / ot * t + map[(int) (key % ot)], e.getLongValue());
            }
            for (Long2LongMap.Entry e : o.links.long2LongEntrySet()) {
                long key = e.getLongKey();
                int b = (int) (key % (ot + 1));
                long rest = key / (ot + 1);
                int a = (int) (rest % (ot + 1));
                long position = rest / (ot + 1);
                int to = b == ot ? t : map[b];
                links.addTo((position * (t + 1) + map[a]) * (t + 1) + to, e.getLongValue());
            }
            for (Long2LongMap.Entry e : o.packedFlows.long2LongEntrySet()) {
                flows.addTo(key(unpack(e.getLongKey(), o.bits), map), e.getLongValue());
            }
            for (Object2LongMap.Entry<String> e : o.flows.object2LongEntrySet()) {
                flows.addTo(key(e.getKey().chars().toArray(), map), e.getLongValue());
            }
        }

        /** A whole path as one char per type code (translated by {@code map} unless null). */
        private static String key(int[] path, int[] map) {
            char[] key = new char[path.length];
            for (int i = 0; i < path.length; i++) {
                key[i] = (char) (map == null ? path[i] : map[path[i]]);
            }
            return new String(key);
        }
    }

    /** Per-task counts and scratch, merged at the end. */
    private static final class Tally implements UserScan.Tally<Tally> {
        final int depth;
        final int typeCount;
        final Long2LongOpenHashMap nodes = new Long2LongOpenHashMap();
        final Long2LongOpenHashMap links = new Long2LongOpenHashMap();
        final Long2LongOpenHashMap packedFlows = new Long2LongOpenHashMap();
        final Object2LongOpenHashMap<String> flows = new Object2LongOpenHashMap<>();
        /** Bits per type code in a packed path, 0 when a whole path does not fit in a long. */
        final int bits;
        final SameSecondOrder order;
        final int[] sequence;
        final char[] key;
        long users;

        Tally(int depth, int typeCount, int[] ranks) {
            this.depth = depth;
            this.typeCount = typeCount;
            this.order = new SameSecondOrder(ranks);
            this.sequence = new int[depth];
            this.key = new char[depth];
            int perType = 32 - Integer.numberOfLeadingZeros(Math.max(1, typeCount - 1));
            this.bits = (long) depth * perType + 1 <= 63 ? perType : 0;
        }

        /** Counts the path of length {@code n} held in {@link #sequence}. */
        void count(int n) {
            users++;
            final int t = typeCount;
            for (int i = 0; i < n; i++) {
                int type = sequence[i];
                nodes.addTo((long) i * t + type, 1);
                if (bits == 0) {
                    key[i] = (char) type;
                }
                int next = i + 1 < n ? sequence[i + 1] : t;
                if (i + 1 < depth) {
                    links.addTo(((long) i * (t + 1) + type) * (t + 1) + next, 1);
                }
            }
            if (bits > 0) {
                long packed = 1;
                for (int i = 0; i < n; i++) {
                    packed = (packed << bits) | sequence[i];
                }
                packedFlows.addTo(packed, 1);
            } else {
                flows.addTo(new String(key, 0, n), 1);
            }
        }

        /** Open-addressing long→long maps: about two longs per slot at a load factor of 3/4, say 32 B an entry. */
        @Override
        public long bytes() {
            return 32L * (nodes.size() + links.size());
        }

        @Override
        public void add(Tally other) {
            users += other.users;
            for (Long2LongMap.Entry e : other.nodes.long2LongEntrySet()) {
                nodes.addTo(e.getLongKey(), e.getLongValue());
            }
            for (Long2LongMap.Entry e : other.links.long2LongEntrySet()) {
                links.addTo(e.getLongKey(), e.getLongValue());
            }
            for (Long2LongMap.Entry e : other.packedFlows.long2LongEntrySet()) {
                packedFlows.addTo(e.getLongKey(), e.getLongValue());
            }
            for (Object2LongMap.Entry<String> e : other.flows.object2LongEntrySet()) {
                flows.addTo(e.getKey(), e.getLongValue());
            }
        }
    }
}
