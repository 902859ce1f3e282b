/**
 * {@link io.voronka.engine.exec.QueryEngine}: answers any query by handing it to the evaluator of its kind.
 * The top of the engine: may use every engine package; nothing in the engine uses it.
 */
package io.voronka.engine.exec;
