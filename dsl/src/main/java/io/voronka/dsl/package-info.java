/**
 * The query language: ANTLR grammar to the engine's query records, positioned errors with hints.
 * ANTLR types never leave this module; may use engine.query and the store's dictionaries for name lookups.
 */
package io.voronka.dsl;
