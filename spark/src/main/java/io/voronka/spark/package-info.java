/**
 * Voronka on Apache Spark: the configured sources (Parquet, JDBC) hash-partitioned by user, each partition built into
 * the engine's own store on an executor, queries answered by the engine's evaluators per partition and merged
 * exactly on the driver. Uses engine, dsl, server (renderers) and Spark (provided); nothing depends on it.
 */
package io.voronka.spark;
