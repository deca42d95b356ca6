package io.github.eiaoutages.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.RawFiles;
import io.github.eiaoutages.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The idempotency state is the committed raw store: a restarted application knows every row it stored. */
class DedupeAcrossRestartTest {

    @RegisterExtension
    static final EiaStub EIA = new EiaStub();

    @TempDir
    Path work;

    @Test
    void a_restarted_application_stores_nothing_it_already_has() throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(11, LocalDate.of(2025, 6, 1)));

        try (ConfigurableApplicationContext first = start()) {
            assertThat(acceptedRows(refresh(first))).isEqualTo(11);
        }
        // A dead process's staging is removed at the next start, and never counted as committed.
        Path leftover = work.resolve("data/raw/generator-nuclear-outages/_staging/20990101T000000000Z");
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("part-00001.parquet"), "half-written");

        try (ConfigurableApplicationContext second = start()) {
            assertThat(leftover).doesNotExist();
            // No key is held between runs: the run loads the keys of its windows from the committed Parquet.
            assertThat(second.getBean(RawKeyRepository.class).activeRuns()).isZero();
            assertThat(acceptedRows(refresh(second))).isZero();
            assertThat(second.getBean(RawKeyRepository.class).activeRuns()).isZero();
        }
        assertThat(RawFiles.committedRows(work.resolve("data"), "generator-nuclear-outages"))
                .hasSize(11);
    }

    private ConfigurableApplicationContext start() {
        return TestApps.start(EIA, work, "restart-test", "--pipeline.eia.page-size=5");
    }

    private static Map<?, ?> refresh(ConfigurableApplicationContext app) {
        return TestApps.refreshAndWait(app, "generator-nuclear-outages");
    }

    private static long acceptedRows(Map<?, ?> run) {
        assertThat(run.get("status")).as("run %s", run).isEqualTo("succeeded");
        return ((Number) run.get("rows_accepted")).longValue();
    }
}
