package io.voronka.spark;

import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.SkipReason;
import io.voronka.engine.store.SourceReport;
import io.voronka.server.DimensionSummary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The driver's view of a {@link SparkBackend}'s data for serving: a store with no events but everything the server
 * reads from a store besides them (event types, dimensions with their values, time zone, the whole data's time
 * span, spend, and per source the rows read, kept and dropped and the users, summed over the partitions: a user
 * lives in one partition, so per-source users add up), and the dimensions' value counts for autocomplete.
 */
record SparkShape(EventStore store, DimensionSummary dimensions) {
    static SparkShape of(SparkBackend backend) {
        List<PartitionFacts> facts = backend.eachPartition(PartitionFacts::of);
        EventStore empty = backend.layout().newBuilder().build(1);
        List<String> names = backend.layout().dimensions();
        List<Dimension> dimensions = new ArrayList<>();
        List<DimensionSummary.Entry> summary = new ArrayList<>();
        for (int d = 0; d < names.size(); d++) {
            Map<String, Long> counts = new HashMap<>();
            for (PartitionFacts f : facts) {
                f.dimensionCounts().get(d).forEach((value, n) -> counts.merge(value, n, Long::sum));
            }
            dimensions.add(Dimension.of(names.get(d), new ArrayList<>(new TreeSet<>(counts.keySet()))));
            summary.add(DimensionSummary.entry(names.get(d), counts, DimensionSummary.TOP_VALUES));
        }
        EventStore store = EventStore.assemble(List.of(), empty.types(), empty.users(), dimensions, empty.zone(),
                reports(backend.layout().sources(), facts), backend.minTime(), backend.maxTime(), backend.costs());
        return new SparkShape(store, new DimensionSummary(summary));
    }

    /** Each source's report summed over the partitions (seconds: the slowest partition's build). */
    private static List<SourceReport> reports(List<String> sources, List<PartitionFacts> facts) {
        List<SourceReport> out = new ArrayList<>();
        for (String source : sources) {
            long read = 0;
            long kept = 0;
            long users = 0;
            long unmatched = 0;
            double seconds = 0;
            Map<SkipReason, Long> dropped = new EnumMap<>(SkipReason.class);
            for (PartitionFacts f : facts) {
                for (SourceCounts r : f.reports()) {
                    if (!r.source().equals(source)) {
                        continue;
                    }
                    read += r.read();
                    kept += r.kept();
                    users += r.users();
                    unmatched = unmatched < 0 || r.unmatchedUsers() < 0 ? -1 : unmatched + r.unmatchedUsers();
                    seconds = Math.max(seconds, r.seconds());
                    for (SkipReason reason : SkipReason.values()) {
                        dropped.merge(reason, r.dropped()[reason.ordinal()], Long::sum);
                    }
                }
            }
            out.add(new SourceReport(source, read, kept, dropped, seconds, users, unmatched));
        }
        return out;
    }

    /** What one partition's store counts for the driver: its source reports and each dimension's value counts. */
    record PartitionFacts(List<SourceCounts> reports, List<HashMap<String, Long>> dimensionCounts)
            implements Serializable {
        static PartitionFacts of(EventStore store) {
            List<HashMap<String, Long>> counts = new ArrayList<>();
            for (int d = 0; d < store.dimensions().size(); d++) {
                counts.add(DimensionSummary.valueCounts(store, d));
            }
            return new PartitionFacts(store.report().stream().map(SourceCounts::of).toList(), counts);
        }
    }

    /** A {@link SourceReport} as it travels from an executor (the report itself is not serializable). */
    record SourceCounts(String source, long read, long kept, long[] dropped, double seconds, long users,
                        long unmatchedUsers) implements Serializable {
        static SourceCounts of(SourceReport r) {
            long[] dropped = new long[SkipReason.values().length];
            for (SkipReason reason : SkipReason.values()) {
                dropped[reason.ordinal()] = r.dropped(reason);
            }
            return new SourceCounts(r.source(), r.read(), r.kept(), dropped, r.seconds(), r.users(), r.unmatchedUsers());
        }
    }
}
