/**
 * Configuration to {@code EventStore}: picks each location's reader (the one place that knows every kind), feeds
 * the store builder, hands it the costs. Uses {@code config}, {@code load} with its reader packages, {@code store}.
 */
package io.voronka.engine.loader;
