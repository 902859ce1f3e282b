/**
 * What every evaluator shares: the {@link io.voronka.engine.eval.Evaluator} contract, the parallel
 * {@link io.voronka.engine.eval.UserScan}, breakdown groups, calendar buckets, time ranges, deadlines. May use query,
 * result and store; never the evaluators above it (funnel, metric) or exec.
 */
package io.voronka.engine.eval;
