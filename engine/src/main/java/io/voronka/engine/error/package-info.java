/**
 * What kind of failure an error is ({@link io.voronka.engine.error.ErrorKind}) and the one exception base that
 * carries it ({@link io.voronka.engine.error.VoronkaException}), with a position for errors in query text.
 * The edges (HTTP, CLI, bot) map a kind to a status, an exit code or a reply; a JDK exception class never decides.
 * Also the "did you mean" suggestions every edge adds to such messages ({@link io.voronka.engine.error.ClosestNames}).
 * Depends on nothing.
 */
package io.voronka.engine.error;
