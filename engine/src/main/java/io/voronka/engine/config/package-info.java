/**
 * The engine's sections of the configuration file as checked immutable records; where data lives is a sealed
 * {@link io.voronka.engine.config.SourceLocation}. Uses only the JDK and Jackson YAML.
 */
package io.voronka.engine.config;
