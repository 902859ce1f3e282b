package io.voronka.spark;

import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.QueryTimeoutException;
import io.voronka.engine.exec.Explanation;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.store.EventStore;
import io.voronka.server.DimensionSummary;
import io.voronka.server.LoadedStore;
import io.voronka.server.QueryBackend;
import io.voronka.server.StoreSource;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code serve} through a long-lived Spark session: the server's {@link StoreSource} and {@link QueryBackend} for
 * {@code backend: spark}. A version is one {@link SparkBackend} (its partition stores cached on the executors) and,
 * on the driver, its {@link SparkShape}: a store without events that the server parses, autocompletes and reports
 * with. A reload opens a new backend from the sources; the server's shrink guard compares its per-source counts with
 * the serving version's, and the version that stops serving (or the refused candidate) is unpersisted (a query still
 * on it recomputes what it needs). A refresh by watermark is not supported: the partition stores are rebuilt whole by
 * a reload.
 *
 * <p>Every query runs as one Spark job group: when its deadline passes or its client goes away the group is
 * cancelled, and the query ends as the heap server's does ({@link QueryTimeoutException}, HTTP 408).
 */
final class SparkServing implements StoreSource, QueryBackend, AutoCloseable {
    /** How often a running query's deadline is looked at. */
    private static final long DEADLINE_CHECK_MILLIS = 50;

    private final SparkSession spark;
    private final VoronkaConfig config;
    private final int partitions;
    private final PrintStream progress;
    /**
     * Every version some query may still hold, by its driver-side store (stores do not define equals, so this is
     * by identity): a version leaves when no {@link LoadedStore} holds its store any more.
     */
    private final Map<EventStore, Version> versions = new WeakHashMap<>();
    private final ScheduledExecutorService deadlines;
    private final AtomicLong jobGroups = new AtomicLong();

    /** One version: the partition stores on the executors and what was counted on them when they were built. */
    private record Version(SparkBackend backend, DimensionSummary dimensions) {
    }

    SparkServing(SparkSession spark, VoronkaConfig config, int partitions, PrintStream progress) {
        this.spark = spark;
        this.config = config;
        this.partitions = partitions;
        this.progress = progress;
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "voronka-spark-deadlines");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads the sources with Spark into new partition stores and returns the driver's view of them. */
    @Override
    public Snapshot reload() {
        long start = System.nanoTime();
        SparkBackend backend;
        try {
            backend = SparkBackend.open(spark, config, partitions);
        } catch (VoronkaException e) {
            throw e;
        } catch (Exception e) { // Spark's AnalysisException (a missing path) is checked but thrown undeclared
            throw new VoronkaException(ErrorKind.UNAVAILABLE, "reading the sources with Spark failed: "
                    + firstLine(e), e);
        }
        SparkShape shape;
        try {
            shape = SparkShape.of(backend);
        } catch (Exception e) { // SparkException: checked in Java's terms, thrown undeclared
            backend.close();
            throw e instanceof VoronkaException v ? v : failure(e);
        }
        synchronized (versions) {
            versions.put(shape.store(), new Version(backend, shape.dimensions()));
        }
        progress.printf(Locale.ROOT, "built %d partition stores on Spark (%s): %,d events of %,d users in %.1f s%n",
                backend.partitions().size(), spark.sparkContext().master(), backend.eventCount(), backend.userCount(),
                (System.nanoTime() - start) / 1e9);
        return new Snapshot(shape.store(), List.of(), Instant.now());
    }

    @Override
    public boolean canRefresh() {
        return false;
    }

    @Override
    public String whyNoRefresh() {
        return "backend: spark reads its sources whole, a refresh by watermark is not supported: a reload"
                + " (POST /api/reload) builds new partition stores from the sources";
    }

    @Override
    public Snapshot refresh(Snapshot current) {
        throw new VoronkaException(ErrorKind.CONFLICT, whyNoRefresh());
    }

    /**
     * Unpersists the partition stores of a version that no longer serves. A query that started on it before the swap
     * still finishes: Spark recomputes the partitions it needs from the sources.
     */
    @Override
    public void retired(Snapshot version) {
        Version gone;
        synchronized (versions) {
            gone = versions.get(version.store());
        }
        if (gone != null) {
            gone.backend().releasePartitions();
        }
    }

    @Override
    public QueryResult execute(Request request) {
        SparkBackend backend = version(request.version()).backend();
        String text = request.text();
        return inJobGroup(text, request.deadline(), () -> backend.execute(text, request.today()));
    }

    @Override
    public Explanation explain(Request request) {
        throw VoronkaException.user("explain shows the in-memory engine's plan per segment, and with backend: spark"
                + " each partition plans on its own executor (the plans are not collected): send the query without"
                + " 'explain'; Spark's own UI shows the job's stages");
    }

    @Override
    public Holding holding(LoadedStore version) {
        SparkBackend backend = version(version).backend();
        List<Object> parts = new ArrayList<>();
        for (PartitionStats s : backend.partitions()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("partition", s.partition());
            p.put("events", s.events());
            p.put("users", s.users());
            parts.add(p);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("master", spark.sparkContext().master());
        details.put("partitions", parts.size());
        details.put("partitionStores", parts);
        return new Holding("spark", backend.eventCount(), backend.userCount(), details);
    }

    @Override
    public DimensionSummary dimensions(LoadedStore version) {
        return version(version).dimensions();
    }

    private Version version(LoadedStore loaded) {
        synchronized (versions) {
            Version v = versions.get(loaded.store());
            if (v == null) {
                throw new IllegalStateException("no Spark version for the store serving since " + loaded.loadedAt());
            }
            return v;
        }
    }

    /** A job of the query: its deadline cancels the job group; a failed task keeps its kind where it has one. */
    private interface Job {
        QueryResult run();
    }

    private QueryResult inJobGroup(String text, Deadline deadline, Job job) {
        deadline.check();
        SparkContext context = spark.sparkContext();
        String group = "voronka-query-" + jobGroups.incrementAndGet();
        AtomicReference<QueryTimeoutException> stopped = new AtomicReference<>();
        AtomicInteger jobsCancelled = new AtomicInteger();
        context.setJobGroup(group, text, true);
        ScheduledFuture<?> watch = deadlines.scheduleWithFixedDelay(() -> {
            if (stopped.get() == null) {
                try {
                    deadline.check();
                    return;
                } catch (QueryTimeoutException e) {
                    stopped.compareAndSet(null, e);
                }
            }
            // once per job of the group, when it exists: a job may be submitted after the deadline passed
            int jobs = context.statusTracker().getJobIdsForGroup(group).length;
            if (jobs > jobsCancelled.get()) {
                jobsCancelled.set(jobs);
                context.cancelJobGroup(group);
            }
        }, DEADLINE_CHECK_MILLIS, DEADLINE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        try {
            return job.run();
        } catch (VoronkaException e) {
            throw e;
        } catch (Exception e) { // SparkException is checked in Java's terms but thrown from Scala undeclared
            if (stopped.get() != null) {
                throw stopped.get();
            }
            throw failure(e);
        } finally {
            watch.cancel(false);
            context.clearJobGroup();
        }
    }

    /** A task's own Voronka error (e.g. a budget) when Spark sent it back, else the cluster's failure in one line. */
    private static VoronkaException failure(Exception e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof VoronkaException v) {
                return v;
            }
        }
        return new VoronkaException(ErrorKind.UNAVAILABLE, "the Spark job failed: " + firstLine(e), e);
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** Unpersists every version's partition stores (the session itself belongs to the caller). */
    @Override
    public void close() {
        deadlines.shutdownNow();
        List<Version> all;
        synchronized (versions) {
            all = new ArrayList<>(versions.values());
            versions.clear();
        }
        all.forEach(v -> v.backend().close());
    }
}
