/**
 * Benchmarks: JMH kernels against naive baselines, the side-by-side run against PostgreSQL, DuckDB and
 * ClickHouse, scaling and HTTP load. Depends on everything; nothing depends on it.
 */
package io.voronka.bench;
