package io.github.eiaoutages.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event history's paging rules: since, latest, an id older than the history, an id it never held. */
class EventLogTest {

    @TempDir
    Path work;

    private EventLog log;

    @BeforeEach
    void twoBuilds() throws Exception {
        log = new EventLog(TestSettings.properties(work), new ObjectMapper().findAndRegisterModules());
        publish("20261129T000000000Z", 3);
        publish("20261130T000000000Z", 2);
    }

    @Test
    void since_pages_after_the_event_it_names_across_builds() {
        assertThat(log.after("20261129T000000000Z/46-1-20250102/outage.started", 10))
                .extracting(OutageEvent::subject)
                .containsExactly("46-1-20250103", "46-1-20250101", "46-1-20250102");
        assertThat(log.after(null, 2)).hasSize(2);
        assertThat(log.latest(2))
                .extracting(OutageEvent::id)
                .containsExactly(
                        "20261130T000000000Z/46-1-20250101/outage.started",
                        "20261130T000000000Z/46-1-20250102/outage.started");
    }

    @Test
    void an_id_older_than_the_history_is_410_and_one_it_never_held_is_404() {
        assertThat(catchThrowableOfType(
                                EventExpiredException.class,
                                () -> log.after("20250101T000000000Z/46-1-20250101/outage.started", 10))
                        .status())
                .isEqualTo(410);
        // A bulk change's own id is not in the history: answered as unknown, not as expired (which would send the
        // reader back to the oldest event).
        assertThat(catchThrowableOfType(
                                UnknownEventException.class,
                                () -> log.after("20261130T000000000Z/snapshot.bulk-change", 10))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void at_startup_events_past_the_retention_are_pruned_not_only_after_the_next_build() throws Exception {
        // History kept from an earlier process, older than the retention (90 days by default).
        Path old = work.resolve("modeled/events/20200101T000000000Z.jsonl");
        Files.copy(work.resolve("modeled/events/20261129T000000000Z.jsonl"), old);

        new EventLog(TestSettings.properties(work), new ObjectMapper().findAndRegisterModules()).recover();

        assertThat(old).doesNotExist();
        assertThat(work.resolve("modeled/events/20261130T000000000Z.jsonl")).exists();
    }

    private void publish(String snapshot, int events) throws Exception {
        Path dir = Files.createDirectories(work.resolve("modeled/snapshots/" + snapshot));
        List<OutageEvent> list = new ArrayList<>();
        for (int i = 1; i <= events; i++) {
            list.add(OutageEvent.of(
                    snapshot,
                    "/eia-outage-pipeline/generator-nuclear-outages",
                    Instant.parse("2026-11-30T00:00:00Z"),
                    OutageEvent.STARTED,
                    new OutageEvent.Data(
                            snapshot,
                            "46-1-2025010" + i,
                            "46",
                            "1",
                            "Browns Ferry",
                            "Browns Ferry Unit 1",
                            null,
                            null,
                            1,
                            500.0,
                            500.0,
                            12000.0,
                            1200.0,
                            true,
                            false,
                            null,
                            null,
                            null,
                            null)));
        }
        log.stage(dir, list);
        log.published(snapshot, dir);
    }
}
