package io.github.eiaoutages.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.github.eiaoutages.config.PipelineProperties;
import jakarta.annotation.PostConstruct;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The history of outage events, in publication order: one JSON-lines file per snapshot,
 * {@code modeled/events/<snapshot id>.jsonl}, one CloudEvent a line. A build writes its events into the snapshot
 * it builds ({@code modeled/snapshots/<id>/_events.jsonl}), so they exist before the {@code current} swap; after
 * the swap they are copied here, and a copy a crash cut off is made at the next start. Files older than
 * {@code pipeline.alerts.retention} are removed, whatever {@code pipeline.model.keep-snapshots} keeps.
 */
@Component
public class EventLog {

    /** The events of a snapshot, inside its folder. */
    public static final String SNAPSHOT_FILE = "_events.jsonl";

    private static final Logger log = LoggerFactory.getLogger(EventLog.class);

    private final Path modeledDir;
    private final Path dir;
    private final ObjectMapper json;
    private final ObjectWriter line;
    private final java.time.Duration retention;

    public EventLog(PipelineProperties properties, ObjectMapper json) {
        this.modeledDir = properties.storage().modeledDir();
        this.dir = modeledDir.resolve("events");
        this.json = json;
        this.line = json.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        this.retention = properties.alerts().retention();
    }

    /** Writes a build's events into the folder of the snapshot being built ({@code _events.jsonl}). */
    public void stage(Path snapshotWorkDir, List<OutageEvent> events) {
        try (Writer out = Files.newBufferedWriter(snapshotWorkDir.resolve(SNAPSHOT_FILE), StandardCharsets.UTF_8)) {
            for (OutageEvent event : events) {
                out.write(line.writeValueAsString(event));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the events of the build into " + snapshotWorkDir, e);
        }
    }

    /** The snapshot {@code snapshotId} (in {@code snapshotDir}) is published: its events join the history. */
    public void published(String snapshotId, Path snapshotDir) {
        Path staged = snapshotDir.resolve(SNAPSHOT_FILE);
        Path target = dir.resolve(snapshotId + ".jsonl");
        if (!Files.exists(staged) || Files.exists(target)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + snapshotId + ".tmp");
            Files.copy(staged, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // The snapshot keeps them; the next start copies them.
            log.warn("Could not add the events of snapshot {} to {}: {}", snapshotId, dir, e.getMessage());
        }
        prune();
        synchronized (this) {
            notifyAll();
        }
    }

    /** Waits up to {@code millis} for a snapshot's events to join the history (sinks and streams wait here). */
    public synchronized void awaitNewer(long millis) throws InterruptedException {
        wait(millis);
    }

    /** The id of the newest event kept, if any. */
    public java.util.Optional<String> newestId() {
        List<OutageEvent> newest = latest(1);
        return newest.isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(newest.get(0).id());
    }

    /** The events of one snapshot, in order (empty when none are kept). */
    public List<OutageEvent> ofSnapshot(String snapshotId) {
        Path file = dir.resolve(snapshotId + ".jsonl");
        return Files.exists(file) ? read(file) : List.of();
    }

    /** The id of the oldest event kept, if any: where a sink resumes after it was away longer than the retention. */
    public java.util.Optional<String> oldestSnapshot() {
        List<Path> files = files();
        return files.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(snapshotOf(files.get(0)));
    }

    /** At startup: events of published snapshots that a stop kept from the history are added now. */
    @PostConstruct
    void recover() {
        Path snapshots = modeledDir.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return;
        }
        String oldest = oldestKept();
        try (Stream<Path> dirs = Files.list(snapshots)) {
            dirs.filter(d -> !d.getFileName().toString().startsWith("."))
                    // A snapshot older than the retention keeps its events to itself: they are not brought back.
                    .filter(d -> d.getFileName().toString().compareTo(oldest) >= 0)
                    .sorted()
                    .forEach(d -> published(d.getFileName().toString(), d));
        } catch (IOException e) {
            log.warn("Could not list {} for events not yet in the history: {}", snapshots, e.getMessage());
        }
        // Also at startup, not only after a build: a history past its retention answers 410 from the first request.
        prune();
    }

    /** The id of the oldest snapshot whose events are still kept (snapshot ids are build times). */
    private String oldestKept() {
        return io.github.eiaoutages.storage.StorageFiles.id(Instant.now().minus(retention));
    }

    /**
     * Events after the one with id {@code sinceId} (from the first kept when null), at most {@code limit}, in
     * publication order.
     *
     * @throws EventExpiredException when {@code sinceId} is older than the oldest event kept
     * @throws UnknownEventException when the history reaches back to its time but does not hold it
     */
    public List<OutageEvent> after(String sinceId, int limit) {
        List<Path> files = files();
        List<OutageEvent> found = new ArrayList<>();
        int next = 0;
        if (sinceId != null) {
            String snapshot = sinceId.split("/", 2)[0];
            next = files.stream().map(EventLog::snapshotOf).toList().indexOf(snapshot);
            if (next < 0) {
                if (files.isEmpty() || snapshot.compareTo(snapshotOf(files.get(0))) < 0) {
                    throw new EventExpiredException(sinceId, retention);
                }
                throw new UnknownEventException(sinceId);
            }
            List<OutageEvent> first = read(files.get(next));
            int at = first.stream().map(OutageEvent::id).toList().indexOf(sinceId);
            if (at < 0) {
                throw new UnknownEventException(sinceId);
            }
            found.addAll(first.subList(at + 1, Math.min(first.size(), at + 1 + limit)));
            next++;
        }
        for (int i = next; i < files.size() && found.size() < limit; i++) {
            List<OutageEvent> events = read(files.get(i));
            found.addAll(events.subList(0, Math.min(events.size(), limit - found.size())));
        }
        return found;
    }

    /** The newest {@code limit} events, oldest first. */
    public List<OutageEvent> latest(int limit) {
        List<OutageEvent> newest = new ArrayList<>();
        List<Path> files = files();
        for (int i = files.size() - 1; i >= 0 && newest.size() < limit; i--) {
            List<OutageEvent> events = read(files.get(i));
            for (int j = events.size() - 1; j >= 0 && newest.size() < limit; j--) {
                newest.add(0, events.get(j));
            }
        }
        return newest;
    }

    private List<OutageEvent> read(Path file) {
        List<OutageEvent> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                if (!text.isBlank()) {
                    events.add(json.readValue(text, OutageEvent.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the events in " + file, e);
        }
        return events;
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + dir, e);
        }
    }

    private static String snapshotOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".jsonl".length());
    }

    /** Removes the files of snapshots built longer ago than the retention (snapshot ids are build times). */
    private void prune() {
        String oldest =
                io.github.eiaoutages.storage.StorageFiles.id(Instant.now().minus(retention));
        for (Path file : files()) {
            if (snapshotOf(file).compareTo(oldest) < 0) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("Could not remove expired events {}: {}", file, e.getMessage());
                }
            }
        }
    }
}
