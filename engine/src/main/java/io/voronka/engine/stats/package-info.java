/**
 * Statistics of results: confidence intervals, tests of a group against the rest, multiple-testing adjustment,
 * quantiles and box summaries. Distributions come from commons-math3; nothing here knows the store or the query.
 */
package io.voronka.engine.stats;
