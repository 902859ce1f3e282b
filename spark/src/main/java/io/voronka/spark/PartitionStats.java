package io.voronka.spark;

import java.io.Serializable;

/** What building one partition's store gave: rows read, events kept, users, time span (stored seconds), time taken. */
record PartitionStats(int partition, long rows, long events, int users, int minTime, int maxTime, long buildNanos)
        implements Serializable {
}
