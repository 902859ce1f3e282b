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
import io.voronka.engine.store.UserKeyKind;
import io.voronka.engine.store.UserKeys;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes the files of one snapshot into an empty folder, the manifest last. See {@link SnapshotReader} for what
 * each file holds; both sides list the fields in the same order.
 */
final class SnapshotWriter {
    static final String MANIFEST = "manifest.bin";
    static final String STORE = "store.bin";
    static final String TYPES = "types.bin";
    static final String DIMENSIONS = "dimensions.bin";
    static final String COSTS = "costs.bin";
    static final String USER_KEYS = "users.keys";
    static final String USER_INDEX = "users.map";

    private final Path folder;
    private final String fingerprint;
    private final SnapshotProgress progress;
    private final List<ManifestEntry> written = new ArrayList<>();

    SnapshotWriter(Path folder, String fingerprint, SnapshotProgress progress) {
        this.folder = folder;
        this.fingerprint = fingerprint;
        this.progress = progress;
    }

    static String segmentFile(int index) {
        return String.format("segment-%05d.bin", index);
    }

    static String segmentIndexFile(int index) {
        return String.format("segment-%05d.idx", index);
    }

    void write(Snapshot snapshot) throws IOException {
        EventStore store = snapshot.store();
        try (SnapshotOutput out = open(STORE, FileKind.STORE)) {
            writeStore(out, snapshot);
            done(STORE, FileKind.STORE, out);
        }
        try (SnapshotOutput out = open(TYPES, FileKind.TYPES)) {
            writeTypes(out, store.types());
            done(TYPES, FileKind.TYPES, out);
        }
        try (SnapshotOutput out = open(DIMENSIONS, FileKind.DIMENSIONS)) {
            out.writeInt(store.dimensions().size());
            for (Dimension d : store.dimensions()) {
                out.writeString(d.name());
                writeStrings(out, d.values());
            }
            done(DIMENSIONS, FileKind.DIMENSIONS, out);
        }
        try (SnapshotOutput out = open(COSTS, FileKind.COSTS)) {
            writeCosts(out, store.costs());
            done(COSTS, FileKind.COSTS, out);
        }
        for (int i = 0; i < store.segments().size(); i++) {
            String name = segmentFile(i);
            try (SnapshotOutput out = open(name, FileKind.SEGMENT)) {
                writeSegment(out, store.segments().get(i));
                done(name, FileKind.SEGMENT, out);
            }
            String indexName = segmentIndexFile(i);
            try (SnapshotOutput out = open(indexName, FileKind.SEGMENT_INDEX)) {
                writeSegmentIndex(out, store.segments().get(i).index());
                done(indexName, FileKind.SEGMENT_INDEX, out);
            }
        }
        try (SnapshotOutput out = open(USER_KEYS, FileKind.USER_KEYS)) {
            writeUserKeys(out, store.users());
            done(USER_KEYS, FileKind.USER_KEYS, out);
        }
        writeUserIndex(store.users());
        try (SnapshotOutput out = open(MANIFEST, FileKind.MANIFEST)) {
            out.writeString(fingerprint);
            out.writeInt(written.size());
            for (ManifestEntry e : written) {
                out.writeString(e.name());
                out.writeInt(e.kind().code);
                out.writeLong(e.length());
                out.writeInt(e.crc());
            }
            done(MANIFEST, FileKind.MANIFEST, out);
        }
        SnapshotStorage.forceFolder(folder);
    }

    private SnapshotOutput open(String name, FileKind kind) throws IOException {
        return new SnapshotOutput(folder.resolve(name), kind);
    }

    /** Records a file of our own format (its checksum is inside it; the manifest keeps its length). */
    private void done(String name, FileKind kind, SnapshotOutput out) throws IOException {
        out.close();
        written.add(new ManifestEntry(name, kind, out.length(), 0));
        progress.done(name, out.length());
    }

    private static void writeStore(SnapshotOutput out, Snapshot snapshot) throws IOException {
        EventStore store = snapshot.store();
        out.writeString(store.zone().getId());
        out.writeString(store.users().kind().name());
        out.writeInt(store.userCount());
        out.writeLong(store.eventCount());
        out.writeInt(store.minTime());
        out.writeInt(store.maxTime());
        out.writeInt(store.segments().size());
        out.writeLong(snapshot.readAt().toEpochMilli());
        out.writeInt(store.report().size());
        for (SourceReport r : store.report()) {
            out.writeString(r.source());
            out.writeLong(r.read());
            out.writeLong(r.kept());
            out.writeDouble(r.seconds());
            out.writeLong(r.users());
            out.writeLong(r.unmatchedUsers());
            out.writeInt(r.dropped().size());
            for (Map.Entry<SkipReason, Long> e : r.dropped().entrySet()) {
                out.writeString(e.getKey().name());
                out.writeLong(e.getValue());
            }
        }
        out.writeInt(snapshot.watermarks().size());
        for (Watermark w : snapshot.watermarks()) {
            out.writeString(w.source());
            out.writeString(w.column());
            out.writeBoolean(w.isKnown());
            if (w.isKnown()) {
                out.writeString(w.sqlType());
                out.writeString(w.value());
            }
            out.writeLong(w.rowsRead());
            out.writeLong(w.rowsAdded());
        }
    }

    private static void writeTypes(SnapshotOutput out, EventTypes types) throws IOException {
        out.writeInt(types.size());
        for (int code = 0; code < types.size(); code++) {
            out.writeString(types.name(code));
            out.writeLong(types.externalId(code));
            writeStrings(out, types.aliases(code));
        }
        Map<String, Integer> index = types.nameIndex();
        out.writeInt(index.size());
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            out.writeString(e.getKey());
            out.writeInt(e.getValue());
        }
    }

    private static void writeCosts(SnapshotOutput out, CostTable costs) throws IOException {
        out.writeString(costs.dimension());
        out.writeInt(costs.rows());
        for (int r = 0; r < costs.rows(); r++) {
            out.writeString(costs.group(r));
            out.writeInt(costs.time(r));
            out.writeDouble(costs.amount(r));
        }
    }

    private static void writeSegment(SnapshotOutput out, Segment s) throws IOException {
        out.writeInt(s.firstUser());
        out.writeInts(s.offsets());
        out.writeShorts(s.types());
        out.writeInts(s.times());
        SparseDoubleColumn values = s.values();
        out.writeBoolean(values != null);
        if (values != null) {
            out.writeLongs(values.presence().bits());
            out.writeDoubles(values.packedValues());
        }
        out.writeInt(s.dimensionCount());
        for (int d = 0; d < s.dimensionCount(); d++) {
            SparseIntColumn column = s.dimension(d);
            out.writeLongs(column.presence().bits());
            out.writeInts(column.codes());
        }
    }

    private static void writeSegmentIndex(SnapshotOutput out, SegmentIndex index) throws IOException {
        out.writeInt(index.maskWidth());
        Object masks = index.maskArray();
        if (masks instanceof byte[] m) {
            out.writeBytes(m);
        } else if (masks instanceof short[] m) {
            out.writeShorts(m);
        } else if (masks instanceof int[] m) {
            out.writeInts(m);
        } else {
            out.writeLongs((long[]) masks);
        }
        out.writeLongs(index.tieBits());
        out.writeInts(index.byFirstTime());
        out.writeInts(index.blockMinFirst());
        out.writeInts(index.blockMaxLast());
        int[][] postings = index.postingLists();
        out.writeInt(postings.length);
        for (int[] list : postings) {
            out.writeBoolean(list != null);
            if (list != null) {
                out.writeInts(list);
            }
        }
    }

    private static void writeUserKeys(SnapshotOutput out, UserKeys users) throws IOException {
        int n = users.size();
        out.writeString(users.kind().name());
        out.writeInt(n);
        if (users.kind() == UserKeyKind.TEXT) {
            for (int id = 0; id < n; id++) {
                out.writeString(users.column().getText(id));
            }
            return;
        }
        long[] chunk = new long[1 << 16];
        for (int from = 0; from < n; from += chunk.length) {
            int len = Math.min(chunk.length, n - from);
            for (int i = 0; i < len; i++) {
                chunk[i] = users.column().getLong(from + i);
            }
            out.writeLongs(chunk, len);
        }
    }

    /**
     * The key → id map: a copy of the working map when the store already has one (a reopened or refreshed store;
     * the caller keeps refreshes out meanwhile), else a new map filled from the keys.
     */
    private void writeUserIndex(UserKeys users) throws IOException {
        Path target = folder.resolve(USER_INDEX);
        if (users.index() instanceof OpeningUserIndex working) {
            Files.copy(working.await().file(), target);
        } else {
            ChronicleUserIndex index = ChronicleUserIndex.persisted(target, users.kind(), users.size(),
                    averageTextKeyBytes(users), false);
            try {
                fill(index, users);
            } finally {
                index.close();
            }
        }
        long length;
        int crc;
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.force(true);
            length = channel.size();
            crc = SnapshotInput.crc(channel, length);
        }
        written.add(new ManifestEntry(USER_INDEX, FileKind.USER_INDEX, length, crc));
        progress.done(USER_INDEX, length);
    }

    static void fill(ChronicleUserIndex index, UserKeys users) {
        boolean text = users.kind() == UserKeyKind.TEXT;
        for (int id = 0; id < users.size(); id++) {
            if (text) {
                index.putText(users.column().getText(id), id);
            } else {
                index.putLong(users.column().getLong(id), id);
            }
        }
    }

    static double averageTextKeyBytes(UserKeys users) {
        if (users.kind() != UserKeyKind.TEXT || users.size() == 0) {
            return 16;
        }
        long sum = 0;
        int sample = Math.min(users.size(), 10_000);
        for (int id = 0; id < sample; id++) {
            sum += users.column().getText(id).length();
        }
        return Math.max(4, (double) sum / sample * 1.2);
    }

    private static void writeStrings(SnapshotOutput out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            out.writeString(s);
        }
    }

    record ManifestEntry(String name, FileKind kind, long length, int crc) {
    }
}
