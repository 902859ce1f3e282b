/**
 * The query model: immutable records for each kind of question and its options, with a visitor over the
 * kinds. Plain data: depends on nothing else in Voronka, so any backend can answer it.
 */
package io.voronka.engine.query;
