package io.voronka.engine.config;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;

/**
 * A configuration file that cannot be used ({@link ErrorKind#CONFIGURATION}); the message names the file, the
 * place, the rule and the value.
 */
public final class ConfigException extends VoronkaException {
    public ConfigException(String message) {
        super(ErrorKind.CONFIGURATION, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(ErrorKind.CONFIGURATION, message, cause);
    }
}
