/**
 * Voronka on Apache Spark: the configured sources (Parquet, JDBC) hash-partitioned by user, each partition built into
 * the engine's own store on an executor, queries answered by the engine's evaluators per partition and merged
 * exactly on the driver; SparkQuery answers one query, SparkServe serves the HTTP API, reports and bot through a
 * long-lived session (the server's QueryBackend and StoreSource). Uses engine, dsl, server and Spark (provided);
 * nothing depends on it.
 */
package io.voronka.spark;
