package io.voronka.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A worker killed with SIGKILL while a query runs: Spark rebuilds its partitions elsewhere, the answer is the same. */
@Tag("cluster")
class WorkerLossTest {
    @Test
    void answerAfterAWorkerIsKilledMidQueryEqualsTheInMemoryEngine() throws Exception {
        String query = "3 > 4|13 > 7 > pay by utm_source trend month";
        try (DemoParquet demo = new DemoParquet(100_000); SparkCluster cluster = SparkCluster.start(2)) {
            SparkSession spark = DemoParquet.session(cluster.masterUrl());
            try (SparkBackend backend = SparkBackend.open(spark, demo.config(), 4)) {
                Process victim = cluster.worker(1);
                AtomicBoolean armed = new AtomicBoolean(true);
                AtomicInteger failedTasks = new AtomicInteger();
                spark.sparkContext().addSparkListener(new SparkListener() {
                    @Override
                    public void onJobStart(SparkListenerJobStart start) {
                        if (armed.getAndSet(false)) {
                            victim.destroyForcibly();
                        }
                    }

                    @Override
                    public void onTaskEnd(SparkListenerTaskEnd end) {
                        if (!end.taskInfo().successful()) {
                            failedTasks.incrementAndGet();
                        }
                    }
                });
                String answer = CanonicalAnswer.of(backend.execute(query, null));
                assertFalse(victim.isAlive(), "the worker was killed during the query");
                cluster.awaitWorkers(1, Duration.ofSeconds(30));
                assertEquals(CanonicalAnswer.of(demo.expected(query)), answer);
                assertEquals(answer, CanonicalAnswer.of(backend.execute(query, null)), "and again on one worker");
                System.out.println("worker killed mid-query; failed tasks retried by Spark: " + failedTasks.get());
            } finally {
                spark.stop();
            }
        }
    }
}
