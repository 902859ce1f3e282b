/**
 * The funnel evaluator and its kernels (ordered one-pass kernel, exact chain finder, any-order finder).
 * May use eval, query, result and store.
 */
package io.voronka.engine.funnel;
