package io.github.eiaoutages.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.RawFiles;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.model.OutageModelBuilder;
import io.github.eiaoutages.model.SnapshotPublisher;
import io.github.eiaoutages.model.TestModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-made sequence of raw revisions, one model build each, and exactly the outage events each build must emit
 * (issue 18): start, extend, end, revised peak, late row, moved start, withdrawal. Unit 46/3 runs every day, so
 * each run moves the newest day.
 */
class OutageChangesTest {

    @TempDir
    Path work;

    private DuckDb duckDb;
    private OutageModelBuilder builder;
    private SnapshotPublisher publisher;
    private EventLog log;

    @BeforeEach
    void setUp() throws Exception {
        PipelineProperties properties = TestSettings.properties(work);
        duckDb = new DuckDb();
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        publisher = new SnapshotPublisher(properties, json);
        builder = TestModels.builder(properties, duckDb, publisher);
        log = new EventLog(properties, json);
    }

    @AfterEach
    void tearDown() throws Exception {
        duckDb.close();
    }

    @Test
    void each_build_emits_exactly_the_changes_of_its_raw_revisions() throws Exception {
        // 1. 46/1 out Jan 1-3 (Jan 3 the newest day): the first build says so once.
        run("20250103T000000000Z", day("01", "1", 1200), day("02", "1", 1200), day("03", "1", 1200), running("03"));
        assertThat(build())
                .extracting(OutageEvent::type, OutageEvent::subject)
                .containsExactly(tuple(OutageEvent.INITIAL, snapshot()));

        // 2. 46/1 still out on Jan 4: growing by a day is no event. 46/2 goes out on Jan 4: started.
        run("20250104T000000000Z", day("04", "1", 1200), day("04", "2", 500), running("04"));
        List<OutageEvent> second = build();
        assertThat(second)
                .as("%s", second)
                .extracting(OutageEvent::type, OutageEvent::subject)
                .containsExactly(tuple(OutageEvent.STARTED, "46-2-20250104"));

        // 3. 46/1 back with outage 0 on Jan 5: ended. 46/2 still out: nothing.
        run("20250105T000000000Z", day("05", "1", 0), day("05", "2", 500), running("05"));
        List<OutageEvent> ended = build();
        assertThat(ended)
                .extracting(OutageEvent::type, OutageEvent::subject)
                .containsExactly(tuple(OutageEvent.ENDED, "46-1-20250101"));
        assertThat(ended.get(0).data().lastOutageDate()).hasToString("2025-01-04");
        assertThat(ended.get(0).data().endConfirmed()).isTrue();

        // 4. EIA revises 46/1's Jan 2 peak down to 300 MW: revised, with the old values. 46/2 has no row on the
        //    newest day Jan 6 (a late row): it is no longer ongoing, but that is no "ended".
        run("20250106T000000000Z", day("02", "1", 300), running("06"));
        List<OutageEvent> revised = build();
        assertThat(revised)
                .extracting(OutageEvent::type, OutageEvent::subject)
                .containsExactly(tuple(OutageEvent.REVISED, "46-1-20250101"));
        assertThat(revised.get(0).data().previous().avgOutageMw()).isEqualTo(1200.0);
        assertThat(revised.get(0).data().avgOutageMw()).isEqualTo(975.0);

        // 5. The late row comes: 46/2 out on Jan 6 too, nothing; and 46/2 was out on Jan 3 as well: its start moved,
        //    so the old event is withdrawn and a new one started that replaces it.
        run("20250107T000000000Z", day("06", "2", 500), day("03", "2", 400), running("07"), day("07", "2", 500));
        List<OutageEvent> moved = build();
        assertThat(moved)
                .extracting(OutageEvent::type, OutageEvent::subject)
                .containsExactly(
                        tuple(OutageEvent.WITHDRAWN, "46-2-20250104"), tuple(OutageEvent.STARTED, "46-2-20250103"));
        assertThat(moved.get(1).data().replaces()).isEqualTo("46-2-20250104");

        // 6. EIA withdraws 46/1's outage (every day revised to 0).
        run(
                "20250108T000000000Z",
                day("01", "1", 0),
                day("02", "1", 0),
                day("03", "1", 0),
                day("04", "1", 0),
                running("08"),
                day("08", "2", 500));
        assertThat(build())
                .extracting(OutageEvent::type, OutageEvent::subject)
                .containsExactly(tuple(OutageEvent.WITHDRAWN, "46-1-20250101"));

        // Ids are deterministic and the history holds every event in publication order.
        assertThat(log.after(null, 100))
                .extracting(OutageEvent::type)
                .containsExactly(
                        OutageEvent.INITIAL,
                        OutageEvent.STARTED,
                        OutageEvent.ENDED,
                        OutageEvent.REVISED,
                        OutageEvent.WITHDRAWN,
                        OutageEvent.STARTED,
                        OutageEvent.WITHDRAWN);
        OutageEvent last = log.latest(1).get(0);
        assertThat(last.id()).isEqualTo(snapshot() + "/46-1-20250101/outage.withdrawn");
        assertThat(last.specversion()).isEqualTo("1.0");
    }

    private List<OutageEvent> build() {
        builder.build();
        return log.latest(1000).stream()
                .filter(e -> e.id().startsWith(snapshot() + "/"))
                .toList();
    }

    private String snapshot() {
        return publisher.current().orElseThrow().id();
    }

    private void run(String runId, String... rows) throws Exception {
        RawFiles.writeGeneratorRun(work.resolve("data"), runId, String.join(",\n", rows));
    }

    private static String day(String day, String generator, double outage) {
        return "('2025-01-" + day + "','46','Browns Ferry','" + generator + "',1200.0," + outage + "," + outage / 12
                + ")";
    }

    /** Unit 3, running: it makes {@code day} the newest day of the data. */
    private static String running(String day) {
        return day(day, "3", 0);
    }
}
