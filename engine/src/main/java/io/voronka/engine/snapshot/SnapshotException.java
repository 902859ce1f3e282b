package io.voronka.engine.snapshot;

import java.nio.file.Path;

/** A snapshot that cannot be used, with the file and the reason: shown as one line, then the sources are loaded. */
public final class SnapshotException extends RuntimeException {
    private final transient Path file;

    public SnapshotException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public SnapshotException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
