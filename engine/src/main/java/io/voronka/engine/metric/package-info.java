/**
 * Evaluators of metrics (users, events, sums per bucket), retention/LTV matrices and CAC/ROMI.
 * May use eval, query, result and store.
 */
package io.voronka.engine.metric;
