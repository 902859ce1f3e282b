/**
 * Evaluators of paths (Sankey diagrams of event sequences) and time in status (durations to the next event), both
 * reading each user's events in the documented same-second order. May use eval, query, result and store.
 */
package io.voronka.engine.path;
