/**
 * CSV files (RFC 4180, UTF-8, header row) as event sources and as costs, and the text time formats they accept.
 * Uses {@code load}, {@code config} and {@code store}; only {@code loader} uses it.
 */
package io.voronka.engine.load.csv;
