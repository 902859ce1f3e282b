/**
 * Snapshots of a store in a {@code storage.path} folder: checked files for columns and dictionaries, user keys in a
 * Chronicle Map, written atomically and reopened in seconds. Uses the store and the configuration, nothing above.
 */
package io.voronka.engine.snapshot;
