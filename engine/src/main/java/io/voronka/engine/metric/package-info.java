/**
 * Evaluators of metrics (users, events, sums per bucket), retention/LTV matrices, CAC/ROMI, rates and value
 * statistics.
 * May use eval, query, result, stats and store.
 */
package io.voronka.engine.metric;
