package io.voronka.engine.config;

/** A configuration file that cannot be used; the message names the file, the place, the rule and the value. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
