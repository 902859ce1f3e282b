package io.voronka.engine.snapshot;

import io.voronka.engine.store.CostTable;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SegmentIndex;
import io.voronka.engine.store.SkipReason;
import io.voronka.engine.store.SourceReport;
import io.voronka.engine.store.SparseDoubleColumn;
import io.voronka.engine.store.SparseIntColumn;
import io.voronka.engine.store.UserKeyColumn;
import io.voronka.engine.store.UserKeyKind;
import io.voronka.engine.store.UserKeys;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a snapshot folder back into a store. The manifest comes first (format, configuration fingerprint, the list
 * of files with their lengths, so a missing or cut file is refused before anything is read); every file is then
 * read once, its checksum computed on the way and compared before anything parsed from it is used. The id → key
 * column is read on a second thread while the segments are read. The store is ready once both are checked: the
 * user-key map is not needed to answer queries, so it is copied to a private working file, checked and opened when
 * a lookup by key first needs it ({@link OpeningUserIndex}). A map found damaged then (or gone, because a later
 * snapshot replaced this one) is rebuilt from the checked id → key column it was written from.
 */
final class SnapshotReader {
    private static final AtomicLong WORK_FILES = new AtomicLong();

    private final Path folder;
    private final Path work;
    private final String fingerprint;
    private final SnapshotProgress progress;

    SnapshotReader(Path folder, Path work, String fingerprint, SnapshotProgress progress) {
        this.folder = folder;
        this.work = work;
        this.fingerprint = fingerprint;
        this.progress = progress;
    }

    Snapshot read() {
        try {
            return readChecked();
        } catch (IOException e) {
            throw new SnapshotException(folder, "cannot be read: " + e.getMessage(), e);
        }
    }

    private Snapshot readChecked() throws IOException {
        Map<String, SnapshotWriter.ManifestEntry> manifest = manifest();
        for (SnapshotWriter.ManifestEntry e : manifest.values()) {
            Path file = folder.resolve(e.name());
            long size;
            try {
                size = Files.size(file);
            } catch (NoSuchFileException missing) {
                throw new SnapshotException(file, "missing");
            }
            if (size != e.length()) {
                throw new SnapshotException(file, (size < e.length() ? "truncated" : "longer than written") + " ("
                        + size + " bytes, the manifest says " + e.length() + ")");
            }
        }
        StoreHeader header = readStore(require(manifest, SnapshotWriter.STORE));
        SnapshotWriter.ManifestEntry indexEntry = require(manifest, SnapshotWriter.USER_INDEX);
        SnapshotWriter.ManifestEntry keysEntry = require(manifest, SnapshotWriter.USER_KEYS);
        EventTypes types = readTypes(require(manifest, SnapshotWriter.TYPES));
        List<Dimension> dimensions = readDimensions(require(manifest, SnapshotWriter.DIMENSIONS));
        CostTable costs = readCosts(require(manifest, SnapshotWriter.COSTS));
        CompletableFuture<UserKeyColumn> keysRead = CompletableFuture.supplyAsync(() -> {
            try {
                return readUserKeys(keysEntry, header);
            } catch (IOException e) {
                throw new SnapshotException(folder.resolve(keysEntry.name()), "cannot be read: " + e.getMessage(), e);
            }
        }, daemon("voronka-reopen-keys"));
        List<Segment> segments = new ArrayList<>();
        int nextUser = 0;
        long events = 0;
        for (int i = 0; i < header.segments; i++) {
            Segment s = readSegment(require(manifest, SnapshotWriter.segmentFile(i)),
                    require(manifest, SnapshotWriter.segmentIndexFile(i)), dimensions.size());
            if (s.firstUser() != nextUser) {
                throw new SnapshotException(folder.resolve(SnapshotWriter.segmentFile(i)), "damaged: starts at user "
                        + s.firstUser() + ", the previous segment ended at " + nextUser);
            }
            nextUser += s.userCount();
            events += s.eventCount();
            segments.add(s);
        }
        if (nextUser != header.users || events != header.events) {
            throw new SnapshotException(folder.resolve(SnapshotWriter.STORE), "damaged: says " + header.users
                    + " users and " + header.events + " events, the segments hold " + nextUser + " and " + events);
        }
        UserKeyColumn keys = join(keysRead);
        // ready to answer: the map is copied, checked and opened when a lookup by key first needs it
        UserKeys users = UserKeys.over(header.kind, new OpeningUserIndex(() -> workingIndex(indexEntry, header,
                keys)), keys, header.users);
        EventStore store = EventStore.assemble(segments, types, users, dimensions, header.zone, header.report,
                header.minTime, header.maxTime, costs);
        return new Snapshot(store, header.watermarks, header.readAt);
    }

    /** Runs one task on a new daemon thread (a reopen's few long tasks must not hold the common pool). */
    static Executor daemon(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        };
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a working copy left behind is removed when this process is gone (SnapshotStorage.at)
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private SnapshotWriter.ManifestEntry require(Map<String, SnapshotWriter.ManifestEntry> manifest, String name) {
        SnapshotWriter.ManifestEntry e = manifest.get(name);
        if (e == null) {
            throw new SnapshotException(folder.resolve(SnapshotWriter.MANIFEST), "damaged: does not list " + name);
        }
        return e;
    }

    private Map<String, SnapshotWriter.ManifestEntry> manifest() throws IOException {
        Path file = folder.resolve(SnapshotWriter.MANIFEST);
        try (SnapshotInput in = SnapshotInput.open(file, FileKind.MANIFEST)) {
            String written = in.readString();
            int n = in.readInt();
            Map<String, SnapshotWriter.ManifestEntry> entries = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readString();
                int code = in.readInt();
                FileKind kind = null;
                for (FileKind k : FileKind.values()) {
                    if (k.code == code) {
                        kind = k;
                    }
                }
                if (kind == null || name.contains("/") || name.contains("\\")) {
                    throw in.damaged("entry " + i + " is not a snapshot file");
                }
                entries.put(name, new SnapshotWriter.ManifestEntry(name, kind, in.readLong(), in.readInt()));
            }
            in.expectEnd();
            if (!written.equals(fingerprint)) {
                throw new SnapshotException(file, "written for another configuration (sources, users, dictionary, "
                        + "costs or timezone differ)");
            }
            progress.done(SnapshotWriter.MANIFEST, 0);
            return entries;
        }
    }

    /** What {@code store.bin} holds. */
    private record StoreHeader(ZoneId zone, UserKeyKind kind, int users, long events, int minTime, int maxTime,
                               int segments, Instant readAt, List<SourceReport> report, List<Watermark> watermarks) {
    }

    private StoreHeader readStore(SnapshotWriter.ManifestEntry entry) throws IOException {
        try (SnapshotInput in = open(entry)) {
            ZoneId zone;
            UserKeyKind kind;
            String zoneId = in.readString();
            String kindName = in.readString();
            try {
                zone = ZoneId.of(zoneId);
                kind = UserKeyKind.valueOf(kindName);
            } catch (DateTimeException | IllegalArgumentException e) {
                throw in.damaged("unknown time zone '" + zoneId + "' or key kind '" + kindName + "'");
            }
            int users = in.readInt();
            long events = in.readLong();
            int minTime = in.readInt();
            int maxTime = in.readInt();
            int segments = in.readInt();
            Instant readAt = Instant.ofEpochMilli(in.readLong());
            int sources = in.readInt();
            List<SourceReport> report = new ArrayList<>();
            for (int s = 0; s < sources; s++) {
                String name = in.readString();
                long read = in.readLong();
                long kept = in.readLong();
                double seconds = in.readDouble();
                long sourceUsers = in.readLong();
                long unmatchedUsers = in.readLong();
                int reasons = in.readInt();
                Map<SkipReason, Long> dropped = new EnumMap<>(SkipReason.class);
                for (int r = 0; r < reasons; r++) {
                    String reason = in.readString();
                    try {
                        dropped.put(SkipReason.valueOf(reason), in.readLong());
                    } catch (IllegalArgumentException e) {
                        throw in.damaged("unknown skip reason '" + reason + "'");
                    }
                }
                report.add(new SourceReport(name, read, kept, dropped, seconds, sourceUsers, unmatchedUsers));
            }
            int marks = in.readInt();
            List<Watermark> watermarks = new ArrayList<>();
            for (int w = 0; w < marks; w++) {
                String source = in.readString();
                String column = in.readString();
                boolean known = in.readBoolean();
                String type = known ? in.readString() : null;
                String value = known ? in.readString() : null;
                watermarks.add(new Watermark(source, column, type, value, in.readLong(), in.readLong()));
            }
            checked(in, entry);
            if (users < 0 || segments < 1) {
                throw in.damaged(users + " users in " + segments + " segments");
            }
            return new StoreHeader(zone, kind, users, events, minTime, maxTime, segments, readAt, report, watermarks);
        }
    }

    private EventTypes readTypes(SnapshotWriter.ManifestEntry entry) throws IOException {
        try (SnapshotInput in = open(entry)) {
            int n = in.readInt();
            List<String> names = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            List<List<String>> aliases = new ArrayList<>();
            for (int code = 0; code < n; code++) {
                names.add(in.readString());
                ids.add(in.readLong());
                aliases.add(readStrings(in));
            }
            int indexed = in.readInt();
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < indexed; i++) {
                index.put(in.readString(), in.readInt());
            }
            checked(in, entry);
            try {
                return EventTypes.restore(names, ids, aliases, index);
            } catch (IllegalArgumentException e) {
                throw in.damaged(e.getMessage());
            }
        }
    }

    private List<Dimension> readDimensions(SnapshotWriter.ManifestEntry entry) throws IOException {
        try (SnapshotInput in = open(entry)) {
            int n = in.readInt();
            List<Dimension> dimensions = new ArrayList<>();
            for (int d = 0; d < n; d++) {
                String name = in.readString();
                try {
                    dimensions.add(Dimension.of(name, readStrings(in)));
                } catch (IllegalArgumentException e) {
                    throw in.damaged(e.getMessage());
                }
            }
            checked(in, entry);
            return dimensions;
        }
    }

    private CostTable readCosts(SnapshotWriter.ManifestEntry entry) throws IOException {
        try (SnapshotInput in = open(entry)) {
            String dimension = in.readString();
            int rows = in.readInt();
            if (rows == 0) {
                checked(in, entry);
                return CostTable.EMPTY;
            }
            CostTable.Builder b = new CostTable.Builder(dimension);
            for (int r = 0; r < rows; r++) {
                b.add(in.readString(), in.readInt(), in.readDouble());
            }
            checked(in, entry);
            return b.build();
        }
    }

    private Segment readSegment(SnapshotWriter.ManifestEntry entry, SnapshotWriter.ManifestEntry indexEntry,
                                int dimensions) throws IOException {
        int firstUser;
        int[] offsets;
        short[] types;
        int[] times;
        SparseDoubleColumn values;
        SparseIntColumn[] dims;
        try (SnapshotInput in = open(entry)) {
            firstUser = in.readInt();
            offsets = in.readInts();
            types = in.readShorts();
            times = in.readInts();
            boolean hasValues = in.readBoolean();
            long[] valueBits = hasValues ? in.readLongs() : null;
            double[] valueArray = hasValues ? in.readDoubles() : null;
            int n = in.readInt();
            if (n != dimensions) {
                throw in.damaged(n + " dimension columns, the store has " + dimensions + " dimensions");
            }
            long[][] dimBits = new long[n][];
            int[][] dimCodes = new int[n][];
            for (int d = 0; d < n; d++) {
                dimBits[d] = in.readLongs();
                dimCodes[d] = in.readInts();
            }
            checked(in, entry);
            try {
                dims = new SparseIntColumn[n];
                for (int d = 0; d < n; d++) {
                    dims[d] = SparseIntColumn.of(dimBits[d], dimCodes[d]);
                }
                values = hasValues ? SparseDoubleColumn.of(valueBits, valueArray) : null;
            } catch (IllegalArgumentException e) {
                throw in.damaged(e.getMessage());
            }
        }
        try (SnapshotInput in = open(indexEntry)) {
            int width = in.readInt();
            Object masks = switch (width) {
                case 1 -> in.readBytes();
                case 2 -> in.readShorts();
                case 4 -> in.readInts();
                case 8 -> in.readLongs();
                default -> throw in.damaged("type masks of " + width + " bytes");
            };
            long[] tieBits = in.readLongs();
            int[] byFirstTime = in.readInts();
            int[] blockMinFirst = in.readInts();
            int[] blockMaxLast = in.readInts();
            int typeCount = in.readInt();
            if (typeCount < 0 || typeCount > Short.MAX_VALUE + 1) {
                throw in.damaged("postings of " + typeCount + " types");
            }
            int[][] postings = new int[typeCount][];
            for (int t = 0; t < typeCount; t++) {
                postings[t] = in.readBoolean() ? in.readInts() : null;
            }
            checked(in, indexEntry);
            try {
                SegmentIndex index = SegmentIndex.restore(offsets.length - 1, types.length, masks, tieBits,
                        byFirstTime, blockMinFirst, blockMaxLast, postings);
                return Segment.of(firstUser, offsets, types, times, values, dims, index);
            } catch (IllegalArgumentException e) {
                throw in.damaged(e.getMessage());
            }
        }
    }

    private UserKeyColumn readUserKeys(SnapshotWriter.ManifestEntry entry, StoreHeader header) throws IOException {
        try (SnapshotInput in = open(entry)) {
            String kind = in.readString();
            int n = in.readInt();
            if (!kind.equals(header.kind.name()) || n != header.users) {
                throw in.damaged("holds " + n + " " + kind + " keys, the store has " + header.users + " "
                        + header.kind.name() + " users");
            }
            UserKeyColumn column = new UserKeyColumn(header.kind);
            if (header.kind == UserKeyKind.TEXT) {
                for (int id = 0; id < n; id++) {
                    column.setText(id, in.readString());
                }
            } else {
                for (int id = 0; id < n; ) {
                    long[] chunk = in.readLongs();
                    if ((long) id + chunk.length > n) {
                        throw in.damaged("holds more than " + n + " keys");
                    }
                    column.setLongs(id, chunk);
                    id += chunk.length;
                    if (chunk.length == 0) {
                        throw in.damaged("an empty block of keys");
                    }
                }
            }
            checked(in, entry);
            return column;
        }
    }

    /**
     * The user-key map to work with: the snapshot's map copied to a private working file, checked against the
     * manifest's checksum and opened. When the copy is damaged (or Chronicle Map cannot open it) a new map is built
     * from the id → key column, which was checked before the store was ready: the map holds nothing else.
     */
    private ChronicleUserIndex workingIndex(SnapshotWriter.ManifestEntry entry, StoreHeader header,
                                            UserKeyColumn keys) {
        Path copy = workFile();
        try {
            copyIndex(entry, copy);
            return openIndex(entry, copy, header);
        } catch (SnapshotException damaged) {
            deleteQuietly(copy);
            Path rebuilt = workFile();
            UserKeys users = UserKeys.over(header.kind, null, keys, header.users);
            try {
                ChronicleUserIndex index = ChronicleUserIndex.persisted(rebuilt, header.kind, header.users,
                        SnapshotWriter.averageTextKeyBytes(users), true);
                SnapshotWriter.fill(index, users);
                progress.repaired(damaged, "the user-key map was rebuilt from " + SnapshotWriter.USER_KEYS);
                return index;
            } catch (IOException | RuntimeException e) {
                deleteQuietly(rebuilt);
                damaged.addSuppressed(e);
                throw damaged;
            }
        }
    }

    private Path workFile() {
        return work.resolve("users-" + WORK_FILES.incrementAndGet() + "-" + System.nanoTime() + ".map");
    }

    /** Copies the map to a private working file and checks the copy against the manifest's checksum. */
    private void copyIndex(SnapshotWriter.ManifestEntry entry, Path copy) {
        Path source = folder.resolve(entry.name());
        try {
            int crc;
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                         StandardOpenOption.WRITE)) {
                long size = in.size();
                for (long at = 0; at < size; ) {
                    long n = in.transferTo(at, size - at, out);
                    if (n <= 0) {
                        throw new IOException("copy stopped at byte " + at + " of " + size);
                    }
                    at += n;
                }
                crc = size == entry.length() ? SnapshotInput.crc(out, size) : ~entry.crc();
            }
            if (crc != entry.crc()) {
                throw new SnapshotException(source, "checksum mismatch (the file is damaged)");
            }
            progress.done("users.map copied", entry.length());
        } catch (IOException e) {
            throw new SnapshotException(source, "cannot be copied to " + copy + ": " + e.getMessage(), e);
        }
    }

    private ChronicleUserIndex openIndex(SnapshotWriter.ManifestEntry entry, Path copy, StoreHeader header) {
        try {
            ChronicleUserIndex index = ChronicleUserIndex.persisted(copy, header.kind, header.users, 16, true);
            progress.done(SnapshotWriter.USER_INDEX, entry.length());
            return index;
        } catch (IOException | RuntimeException e) {
            throw new SnapshotException(folder.resolve(entry.name()), "cannot be opened as a Chronicle Map: "
                    + e.getMessage(), e);
        }
    }

    private SnapshotInput open(SnapshotWriter.ManifestEntry entry) {
        return SnapshotInput.open(folder.resolve(entry.name()), entry.kind());
    }

    /** The whole file was read and its checksum matches: what was parsed from it may be used. */
    private void checked(SnapshotInput in, SnapshotWriter.ManifestEntry entry) {
        in.expectEnd();
        progress.done(entry.name(), entry.length());
    }

    private static List<String> readStrings(SnapshotInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw in.damaged("a list of " + n + " strings");
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            strings.add(in.readString());
        }
        return strings;
    }
}
