/**
 * What every evaluator shares: the {@link io.voronka.engine.eval.Evaluator} contract (and
 * {@link io.voronka.engine.eval.MergingEvaluator}: a scan into a {@link io.voronka.engine.eval.PartialAnswer} that adds
 * up across user partitions, then a finish step), the parallel
 * {@link io.voronka.engine.eval.UserScan} with its planner (a query's {@link io.voronka.engine.eval.Need} decides the
 * {@link io.voronka.engine.eval.Access} per segment; {@link io.voronka.engine.eval.Planning#SCAN} is the reference
 * twin; {@link io.voronka.engine.eval.ScanTrace} feeds explain), breakdown groups, calendar buckets, time ranges,
 * deadlines. May use query,
 * result and store; never the evaluators above it (funnel, metric) or exec.
 */
package io.voronka.engine.eval;
