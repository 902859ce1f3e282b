package io.voronka.engine.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code storage.path} folder.
 *
 * <pre>
 * snapshot-0000000007/    the current snapshot: the newest complete folder (a folder appears whole, by rename)
 * tmp-0000000008-…/       a snapshot being written; left over by a crash, ignored and removed by the next write
 * work/&lt;pid&gt;-&lt;start&gt;/     each process's working copies of the user-key map (removed when that process is gone)
 * write.lock              held while a snapshot is written, so two processes never write at once
 * </pre>
 * A crash at any moment leaves the old snapshot or the new one current, each whole: the new folder is complete and
 * forced to disk before its rename, and old folders are removed only after it.
 */
public final class SnapshotStorage {
    private static final String SNAPSHOT = "snapshot-";
    private static final String TEMP = "tmp-";

    private final Path root;
    private final Path work;

    private SnapshotStorage(Path root) {
        this.root = root;
        this.work = root.resolve("work").resolve(processName(ProcessHandle.current()));
    }

    /** The storage folder (created when missing); removes working copies of processes that are gone. */
    public static SnapshotStorage at(Path folder) {
        try {
            Files.createDirectories(folder);
            SnapshotStorage storage = new SnapshotStorage(folder.toAbsolutePath());
            storage.removeStaleWork();
            return storage;
        } catch (IOException e) {
            throw new UncheckedIOException("storage folder " + folder + " cannot be created: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** The folder of the current snapshot, if there is one. */
    public Optional<Path> current() {
        return list(SNAPSHOT).max(Comparator.naturalOrder());
    }

    /**
     * Reopens the current snapshot; empty when there is none. Throws {@link SnapshotException} naming the file and
     * the reason when it cannot be used (another configuration or format, a missing, truncated or damaged file).
     */
    public Optional<Snapshot> open(String fingerprint, SnapshotProgress progress) {
        Optional<Path> folder = current();
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new SnapshotException(work, "working folder cannot be created: " + e.getMessage());
        }
        return Optional.of(new SnapshotReader(folder.get(), work, fingerprint, progress).read());
    }

    /** Writes a snapshot and makes it current; returns its folder. */
    public Path write(Snapshot snapshot, String fingerprint, SnapshotProgress progress) {
        try (FileChannel lockFile = FileChannel.open(root.resolve("write.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            assert lock.isValid();
            long next = list(SNAPSHOT).map(p -> sequence(p, SNAPSHOT)).max(Long::compare).orElse(0L) + 1;
            String name = String.format("%010d", next);
            Path temp = root.resolve(TEMP + name + "-" + ProcessHandle.current().pid());
            deleteTree(temp);
            Files.createDirectory(temp);
            new SnapshotWriter(temp, fingerprint, progress).write(snapshot);
            Path done = root.resolve(SNAPSHOT + name);
            Files.move(temp, done, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            forceFolder(root);
            progress.done("commit", 0);
            for (Path old : list(SNAPSHOT).filter(p -> !p.equals(done)).toList()) {
                deleteTree(old);
            }
            for (Path temps : list(TEMP).toList()) {
                deleteTree(temps);
            }
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot in " + root + " not written: " + e.getMessage(), e);
        }
    }

    /** pid and start time: a pid reused after a restart (pid 1 in a container) is another process. */
    private static String processName(ProcessHandle process) {
        return process.pid() + "-" + process.info().startInstant().map(i -> Long.toString(i.toEpochMilli()))
                .orElse("0");
    }

    static void forceFolder(Path folder) throws IOException {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private Stream<Path> list(String prefix) {
        try (Stream<Path> files = Files.list(root)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && Files.isDirectory(p)).toList();
            return found.stream();
        } catch (IOException e) {
            throw new UncheckedIOException("storage folder " + root + " cannot be listed: " + e.getMessage(), e);
        }
    }

    private static long sequence(Path folder, String prefix) {
        try {
            return Long.parseLong(folder.getFileName().toString().substring(prefix.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void removeStaleWork() throws IOException {
        Path all = root.resolve("work");
        if (!Files.isDirectory(all)) {
            return;
        }
        try (Stream<Path> processes = Files.list(all)) {
            for (Path p : processes.toList()) {
                String name = p.getFileName().toString();
                int dash = name.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? name : name.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                boolean alive = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .map(h -> processName(h).equals(name)).orElse(false);
                if (!alive) {
                    deleteTree(p);
                }
            }
        }
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
