package io.github.eiaoutages.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.RawFiles;
import io.github.eiaoutages.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A user's {@code routes/} edited under an earlier release keeps working after an upgrade: the 4-argument
 * {@code plan}, the 2-argument {@code commit}, and no {@code load-keys} step (every committed key is then loaded,
 * as before). Nothing is stored twice; the README's "Upgrading with edited routes" says what to update.
 */
class OldRoutesTest {

    private static final String DATASET = "generator-nuclear-outages";

    @RegisterExtension
    static final EiaStub EIA = new EiaStub();

    @TempDir
    Path work;

    @Test
    void routes_of_an_earlier_release_still_store_every_row_once() throws Exception {
        Path routes = Files.createDirectories(work.resolve("routes"));
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        Path ingest = routes.resolve("ingest.camel.yaml");
        String text = Files.readString(ingest);
        String current = text;
        text = text.replace(
                "${bean:runs.datasets(${exchangeProperty.runId})}, ${bean:runs.fetches(${exchangeProperty.runId})})}",
                "${bean:runs.datasets(${exchangeProperty.runId})})}");
        text = text.replace(
                "${exchangeProperty.newestCommitted}, ${bean:rawStore.backfilledFrom(${exchangeProperty.dataset})}, "
                        + "${bean:runs.range(${exchangeProperty.runId})}, ${bean:coverage.conflictsToFetchAgain(${exchangeProperty.dataset})}, "
                        + "${bean:coverage.gapsToFill(${exchangeProperty.dataset})})",
                "${exchangeProperty.newestCommitted}, ${bean:runs.range(${exchangeProperty.runId})}, "
                        + "${bean:coverage.conflictsToFetchAgain(${exchangeProperty.dataset})})");
        int step = text.indexOf("        - bean:\n            id: load-keys");
        int next = text.indexOf("        - bean:\n", step + 10);
        text = text.substring(0, step) + text.substring(next);
        assertThat(text)
                .as("the three calls of the current routes were found and replaced")
                .doesNotContain("load-keys")
                .doesNotContain("runs.fetches")
                .doesNotContain("rawStore.backfilledFrom")
                .isNotEqualTo(current);
        Files.writeString(ingest, text);

        // records.camel.yaml of the same release: each accepted row went to the part aggregator on its own.
        Path records = routes.resolve("records.camel.yaml");
        String recordsNow = Files.readString(records);
        String recordsOld = recordsNow.substring(0, recordsNow.indexOf("        - split:")) + """
                        - split:
                            id: each-row
                            simple: "${body}"
                            steps:
                              - idempotentConsumer:
                                  id: drop-stored-rows
                                  ref: rawRowKey
                                  idempotentRepository: rawKeys
                                  steps:
                                    - to:
                                        id: to-parts
                                        uri: direct:raw-parts

                """
                + recordsNow.substring(recordsNow.indexOf("- route:\n    id: raw-parts"));
        recordsOld = recordsOld.replace(
                "completionPredicate:\n              ref: rawPartFull",
                "completionSize: \"{{pipeline.storage.rows-per-part}}\"");
        // Nor had it the raw-window-done route that the current ingest route calls as each window ends.
        int windowDone = recordsOld.indexOf("- route:\n    id: raw-window-done");
        recordsOld = recordsOld.substring(0, windowDone)
                + recordsOld.substring(recordsOld.indexOf("- route:", windowDone + 10));
        assertThat(recordsOld)
                .as("the split and the completion of the current routes were found and replaced")
                .doesNotContain("acceptedRows")
                .doesNotContain("rawPartFull")
                .doesNotContain("raw-window-done")
                .contains("completionSize");
        Files.writeString(records, recordsOld);

        EIA.serveGenerator(EiaStub.generatorRows(30, LocalDate.of(2025, 1, 1)));
        String[] args = {"--camel.main.routes-include-pattern=file:" + routes + "/*.camel.yaml"};
        try (ConfigurableApplicationContext app = TestApps.start(EIA, work, "old-routes-test", args)) {
            assertThat(TestApps.refreshAndWait(app, DATASET).get("status")).isEqualTo("succeeded");
        }
        try (ConfigurableApplicationContext app = TestApps.start(EIA, work, "old-routes-test", args)) {
            Map<?, ?> again = TestApps.refreshAndWait(app, DATASET);
            assertThat(again.get("status")).isEqualTo("succeeded");
            assertThat(((Number) again.get("rows_accepted")).longValue()).isZero();
        }
        assertThat(RawFiles.committedRows(work.resolve("data"), DATASET)).hasSize(30);
    }
}
