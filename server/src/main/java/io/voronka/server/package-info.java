/**
 * The adapters around the engine: CLI, HTTP API and the web page it serves (static files in resources/web), reports,
 * charts, text and JSON renderers, and the bot's backend. May use every other module except bench.
 */
package io.voronka.server;
