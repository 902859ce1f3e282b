/**
 * The event store: per-user CSR segments of primitive columns, dictionaries of types, dimensions and user
 * keys, and the builder that groups, sorts and deduplicates rows. May use nothing above it (no eval, load, exec).
 */
package io.voronka.engine.store;
