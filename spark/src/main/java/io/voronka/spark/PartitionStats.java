package io.voronka.spark;

import java.io.Serializable;

/**
 * What building one partition's store gave: rows read, events kept, users, time span (stored seconds), time taken
 * in all, and the part of it spent before the first row arrived ({@code sortNanos}: Spark's shuffle fetch and its
 * sort by (user, time), which consumes the whole partition before handing out a row).
 */
record PartitionStats(int partition, long rows, long events, int users, int minTime, int maxTime, long buildNanos,
                      long sortNanos)
        implements Serializable {
}
