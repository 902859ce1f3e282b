package io.voronka.spark;

import io.voronka.dsl.Catalog;
import io.voronka.dsl.QueryException;
import io.voronka.dsl.QueryParser;
import io.voronka.engine.config.CostsConfig;
import io.voronka.engine.config.DictionaryConfig;
import io.voronka.engine.load.ZoneOffsetTable;
import io.voronka.engine.store.CostTable;
import io.voronka.engine.store.Times;
import io.voronka.engine.config.SourceConfig;
import io.voronka.engine.config.SourceLocation;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.PartialAnswer;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.query.DrillDown;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Query;
import io.voronka.engine.result.DistributionResult;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.PathsResult;
import io.voronka.engine.result.ValueResult;
import io.voronka.engine.result.RateResult;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.result.UserListResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.StoreBuilder;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;

/**
 * Voronka's queries on a Spark cluster. The configured sources are read by Spark, repartitioned by a hash of the
 * user key into P partitions, sorted by (user, time) in each, and every partition is built into the engine's own
 * {@link EventStore} on its executor and kept there (a cached RDD). A query is parsed on the driver, evaluated by
 * the engine's {@link QueryEngine} on every partition (with the whole data's time span, so buckets and "last day"
 * are the same everywhere); a user lives in exactly one partition, so per-user counts add up. Paths, time in status,
 * rates, value statistics and activity come back as partial answers, which the driver adds and finishes with the
 * engine's own finish step ({@link QueryEngine#finish}); the other kinds' results are merged by {@link ResultMerger}.
 */
public final class SparkBackend implements AutoCloseable {
    private final SparkSession spark;
    private final StoreLayout layout;
    private final Catalog catalog;
    private final JavaRDD<PartitionStore> stores;
    private final List<PartitionStats> stats;
    private final int minTime;
    private final int maxTime;
    private final ResultMerger merger;
    /** Finishes the sum of the partitions' partial answers on the driver (no threads of its own). */
    private final QueryEngine finisher = QueryEngine.inCallerThread();
    private final CostTable costs;

    private SparkBackend(SparkSession spark, StoreLayout layout, Catalog catalog, JavaRDD<PartitionStore> stores,
                         List<PartitionStats> stats, CostTable costs) {
        this.spark = spark;
        this.costs = costs;
        this.layout = layout;
        this.catalog = catalog;
        this.stores = stores;
        this.stats = List.copyOf(stats);
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (PartitionStats s : stats) {
            if (s.events() > 0) {
                lo = Math.min(lo, s.minTime());
                hi = Math.max(hi, s.maxTime());
            }
        }
        this.minTime = lo > hi ? 0 : lo;
        this.maxTime = lo > hi ? 0 : hi;
        this.merger = new ResultMerger(layout.keyKind());
    }

    /**
     * Reads the sources of {@code config} with {@code spark}, builds {@code partitions} stores on the executors and
     * waits until they are built.
     */
    public static SparkBackend open(SparkSession spark, VoronkaConfig config, int partitions) {
        return open(spark, config, partitions, StoreBuilder.DEFAULT_MAX_SEGMENT_EVENTS);
    }

    /** As above, each partition's store split into segments of at most {@code maxSegmentEvents} events. */
    static SparkBackend open(SparkSession spark, VoronkaConfig config, int partitions, int maxSegmentEvents) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        List<String> dimensions = EventRows.dimensions(config);
        Dataset<Row> rows = EventRows.read(spark, config, dimensions);
        StoreLayout layout = layout(spark, config, dimensions, rows, maxSegmentEvents);
        EventTypes types = new EventTypes();
        layout.defineTypes(types);
        Catalog catalog = new Catalog(types, dimensions);
        JavaRDD<PartitionStore> stores = rows.repartition(partitions, col("u"))
                .sortWithinPartitions(col("u"), col("t"))
                .javaRDD()
                .mapPartitionsWithIndex(build(layout), true)
                .persist(StorageLevel.MEMORY_ONLY());
        stores.setName("voronka partition stores");
        List<PartitionStats> stats = stores.map(PartitionStore::stats).collect();
        return new SparkBackend(spark, layout, catalog, stores, stats, costs(spark, config));
    }

    private static Function2<Integer, Iterator<Row>, Iterator<PartitionStore>> build(StoreLayout layout) {
        return (partition, rows) -> Collections.singletonList(PartitionStore.build(partition, rows, layout)).iterator();
    }

    /** The event dictionary, the type ids present in the data and the source constants, in one global order. */
    private static StoreLayout layout(SparkSession spark, VoronkaConfig config, List<String> dimensions,
                                      Dataset<Row> rows, int maxSegmentEvents) {
        List<StoreLayout.TypeDefinition> types = new ArrayList<>();
        if (config.dictionary() != null) {
            types.addAll(dictionary(spark, config));
        }
        for (Row r : rows.select("k").where(col("k").isNotNull()).distinct().orderBy("k").collectAsList()) {
            long id = r.getLong(0);
            if (types.stream().noneMatch(t -> t.id() == id)) {
                types.add(new StoreLayout.TypeDefinition(id, Long.toString(id), List.of()));
            }
        }
        List<String> sources = new ArrayList<>();
        List<Boolean> dedupe = new ArrayList<>();
        List<String> constants = new ArrayList<>();
        for (SourceConfig s : config.sources()) {
            sources.add(s.name());
            dedupe.add(s.dedupe());
            constants.add(s.type().isConstant() ? s.type().constant() : null);
            if (s.type().isConstant()) {
                types.add(new StoreLayout.TypeDefinition(EventTypes.NO_ID, s.type().constant(), List.of()));
            }
        }
        return new StoreLayout(config.userKey().storeKind(), config.timezone().getId(), sources, dedupe, constants,
                dimensions, types, maxSegmentEvents);
    }

    private static List<StoreLayout.TypeDefinition> dictionary(SparkSession spark, VoronkaConfig config) {
        DictionaryConfig dict = config.dictionary();
        Dataset<Row> df = EventRows.table(spark, config, "dictionary", dict.table() != null
                ? new SourceLocation.Table(dict.table(), null) : new SourceLocation.ParquetFiles(dict.parquet(), null));
        String label = "dictionary";
        List<org.apache.spark.sql.Column> select = new ArrayList<>();
        select.add(col(EventRows.column(df, label, dict.id(), "id").name()).cast("long"));
        select.add(col(EventRows.column(df, label, dict.name(), "name").name()).cast("string"));
        for (String alias : dict.aliases()) {
            select.add(col(EventRows.column(df, label, alias, "alias").name()).cast("string"));
        }
        List<StoreLayout.TypeDefinition> types = new ArrayList<>();
        for (Row r : df.select(select.toArray(new org.apache.spark.sql.Column[0])).collectAsList()) {
            if (r.isNullAt(0)) {
                continue;
            }
            long id = r.getLong(0);
            String name = r.getString(1);
            List<String> aliases = new ArrayList<>();
            for (int a = 0; a < dict.aliases().size(); a++) {
                if (!r.isNullAt(2 + a)) {
                    aliases.add(r.getString(2 + a));
                }
            }
            types.add(new StoreLayout.TypeDefinition(id, name == null || name.isBlank() ? Long.toString(id) : name,
                    aliases));
        }
        return types;
    }

    /** Marketing spend (for CAC and ROMI), read on the driver and sent with every query: one row per group and day. */
    private static CostTable costs(SparkSession spark, VoronkaConfig config) {
        CostsConfig costs = config.costs();
        if (costs == null) {
            return CostTable.EMPTY;
        }
        String label = "costs";
        Dataset<Row> df = EventRows.table(spark, config, label, costs.location());
        Dataset<Row> rows = df.select(
                col(EventRows.column(df, label, costs.group(), "group").name()).cast("string"),
                datediff(col(EventRows.column(df, label, costs.time(), "time").name()).cast("date"), lit("1970-01-01")),
                col(EventRows.column(df, label, costs.value(), "value").name()).cast("double"));
        ZoneOffsetTable zone = new ZoneOffsetTable(config.timezone());
        CostTable.Builder table = new CostTable.Builder(costs.dimension());
        for (Row r : rows.collectAsList()) {
            if (r.anyNull()) {
                continue;
            }
            long epoch = zone.epochSecond(r.getInt(1) * 86_400L);
            if (Times.fits(epoch)) {
                table.add(r.getString(0), Times.toStored(epoch), r.getDouble(2));
            }
        }
        return table.build();
    }

    /** The event types and dimensions queries may name (for parsing and autocomplete). */
    public Catalog catalog() {
        return catalog;
    }

    /** Per partition: rows read, events kept, users, build time. */
    public List<PartitionStats> partitions() {
        return stats;
    }

    // What serving (SparkServing) needs besides answers: what every partition shares, and figures counted on each.

    StoreLayout layout() {
        return layout;
    }

    CostTable costs() {
        return costs;
    }

    /** The whole data's earliest event time (stored seconds), 0 when empty. */
    int minTime() {
        return minTime;
    }

    /** The whole data's latest event time (stored seconds), 0 when empty. */
    int maxTime() {
        return maxTime;
    }

    /** Drops the cached partition stores (a version that stopped serving); a later job recomputes what it needs. */
    void releasePartitions() {
        stores.unpersist(false);
    }

    /** {@code count} applied to every partition's store on its executor; the results in partition order. */
    <T> List<T> eachPartition(org.apache.spark.api.java.function.Function<EventStore, T> count) {
        return stores.map(p -> count.call(p.store())).collect();
    }

    public long eventCount() {
        return stats.stream().mapToLong(PartitionStats::events).sum();
    }

    public long userCount() {
        return stats.stream().mapToLong(PartitionStats::users).sum();
    }

    public SparkSession session() {
        return spark;
    }

    /**
     * Answers a query over all partitions: the kinds whose evaluators answer from partial answers (paths, time in
     * status, rates, value statistics, activity) by adding the partitions' partial answers and finishing once, as one
     * store's answer is finished; the others by merging the partitions' results ({@link ResultMerger}). {@code today}: the day relative ranges end on, null for the last day in
     * the data.
     *
     * @throws QueryException when the text does not parse
     */
    public QueryResult execute(String text, LocalDate today) throws QueryException {
        Query query = QueryParser.parse(text, catalog);
        int pageEnd = query instanceof FunnelQuery f && f.drillDown().isPresent()
                ? (int) Math.min(Integer.MAX_VALUE, (long) f.drillDown().get().offset() + f.drillDown().get().limit())
                : 0;
        PartitionQuery task = new PartitionQuery(text, today, layout, minTime, maxTime, pageEnd, costs);
        List<Serializable> parts = stores.map(task::run).collect();
        if (parts.get(0) instanceof PartialAnswer first) {
            PartialAnswer sum = first;
            for (Serializable part : parts.subList(1, parts.size())) {
                sum = sum.plus((PartialAnswer) part);
            }
            return finisher.finish(query, sum);
        }
        List<QueryResult> results = parts.stream().map(QueryResult.class::cast).toList();
        return merger.merge(query, results, groupOrder(query));
    }

    /** Dimension values in the order merged group rows are listed: text order, "(none)" last. */
    private static java.util.Comparator<String> groupOrder(Query query) {
        return (a, b) -> {
            boolean noneA = a.equals("(none)");
            boolean noneB = b.equals("(none)");
            if (noneA || noneB) {
                return Boolean.compare(noneA, noneB);
            }
            return a.compareTo(b);
        };
    }

    static IllegalStateException answeredFromPartials() {
        return new IllegalStateException("paths, time in status, rates and value statistics are answered from"
                + " partial answers, not merged as results");
    }

    /**
     * The work one task does: parse, evaluate on its partition's store, return the partial answer (for the kinds
     * answered so) or the result.
     */
    private record PartitionQuery(String text, LocalDate today, StoreLayout layout, int minTime, int maxTime,
                                  int pageEnd, CostTable costs) implements java.io.Serializable {
        Serializable run(PartitionStore partition) throws QueryException {
            EventStore store = partition.store().withTimeSpan(minTime, maxTime).withCosts(costs);
            List<String> dimensions = store.dimensions().stream().map(Dimension::name).toList();
            Query query = QueryParser.parse(text, new Catalog(store.types(), dimensions));
            if (query instanceof FunnelQuery f && f.drillDown().isPresent()) {
                DrillDown d = f.drillDown().get();
                query = f.withDrillDown(new DrillDown(d.reachedStep(), 0, Math.max(1, pageEnd)));
            }
            try (QueryEngine engine = new QueryEngine(1)) {
                Optional<PartialAnswer> partial = engine.partial(query, store, today, Deadline.NONE);
                if (partial.isPresent()) {
                    return partial.get();
                }
                return withoutQuery(engine.execute(query, store, today));
            }
        }

        /** Query records hold Optionals (not serializable); the driver merges with its own parsed query. */
        private static QueryResult withoutQuery(QueryResult result) {
            return result.accept(new QueryResult.Visitor<QueryResult>() {
                @Override
                public QueryResult funnel(FunnelResult r) {
                    return r;
                }

                @Override
                public QueryResult series(SeriesResult r) {
                    return new SeriesResult(null, r.buckets(), r.series());
                }

                @Override
                public QueryResult retention(RetentionResult r) {
                    return new RetentionResult(null, r.cohorts());
                }

                @Override
                public QueryResult users(UserListResult r) {
                    return r;
                }

                @Override
                public QueryResult paths(PathsResult r) {
                    throw answeredFromPartials();
                }

                @Override
                public QueryResult distribution(DistributionResult r) {
                    throw answeredFromPartials();
                }

                @Override
                public QueryResult rate(RateResult r) {
                    throw answeredFromPartials();
                }

                @Override
                public QueryResult value(ValueResult r) {
                    throw answeredFromPartials();
                }
            });
        }
    }

    @Override
    public void close() {
        finisher.close();
        stores.unpersist(false);
    }
}
