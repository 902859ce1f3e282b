/**
 * Results: immutable data (numbers and the query they answer, no display text) with a visitor over the kinds.
 * May use query and stats only.
 */
package io.voronka.engine.result;
