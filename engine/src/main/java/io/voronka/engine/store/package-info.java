/**
 * The columnar event store: a builder collecting rows and costs, and the immutable store of segments, user keys,
 * types and dimensions it builds. Uses only the JDK and fastutil.
 */
package io.voronka.engine.store;
