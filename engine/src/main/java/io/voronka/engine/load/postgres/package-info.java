/**
 * PostgreSQL: connection, table sources by binary COPY, the event dictionary and the costs table.
 * Uses the PostgreSQL driver, {@code load}, {@code config} and {@code store}; only {@code loader} uses it.
 */
package io.voronka.engine.load.postgres;
