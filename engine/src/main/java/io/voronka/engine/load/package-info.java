/**
 * The source contract: a {@link io.voronka.engine.load.SourceReader} per kind of location feeds the one {@link
 * io.voronka.engine.load.RowSink} into a store builder (costs: {@link io.voronka.engine.load.CostsReader}).
 * Uses {@code config} and {@code store} only; readers live in {@code load.postgres}, {@code load.csv}, ...
 */
package io.voronka.engine.load;
