package io.github.eiaoutages.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.TestApps;
import io.github.eiaoutages.period.Frequency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** How old a dataset is: from the end of its newest period, a week ending the day after its label; forecasts by their last change. */
class FreshnessTest {

    @RegisterExtension
    static final EiaStub EIA = new EiaStub();

    @TempDir
    Path work;

    @Test
    void a_week_is_over_the_day_after_its_label_and_a_forecast_ages_from_the_run_that_last_stored_rows_of_it()
            throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // The newest week is labelled nine days ago (EIA names a week by its last day): over for eight days.
        String week = today.minusDays(9).toString();
        committedRun("gas-weekly", week, Instant.now());
        // Forecast quarters two years ahead, last stored 300 days ago: EIA stopped updating it.
        String quarter =
                Frequency.QUARTERLY.containing(Instant.now(), null).plus(8).label();
        committedRun("steo-q", quarter, Instant.now().minus(Duration.ofDays(300)));

        String w = "--pipeline.datasets.gas-weekly.";
        String q = "--pipeline.datasets.steo-q.";
        try (ConfigurableApplicationContext app = TestApps.start(
                EIA,
                work,
                "freshness-test",
                w + "route=natural-gas/stor/wkly",
                w + "frequency=weekly",
                w + "start=2026-01-02",
                w + "key=period",
                w + "data=value",
                w + "fields.value=double",
                w + "max-age=8d",
                q + "route=steo",
                q + "frequency=quarterly",
                q + "start=2023-Q1",
                q + "key=period",
                q + "data=value",
                q + "fields.value=double",
                q + "future-periods=true")) {
            Map<String, Object> details =
                    app.getBean(PipelineHealthIndicator.class).health().getDetails();
            Map<?, ?> datasets = (Map<?, ?>) details.get("datasets");
            Map<?, ?> weekly = (Map<?, ?>) datasets.get("gas-weekly");
            assertThat(weekly.get("newest_period")).isEqualTo(week);
            assertThat(((Number) weekly.get("age_days")).longValue()).isEqualTo(8);
            assertThat(weekly.get("freshness")).as("%s", weekly).isEqualTo("stale");
            Map<?, ?> forecast = (Map<?, ?>) datasets.get("steo-q");
            assertThat(forecast.get("newest_period")).isEqualTo(quarter);
            assertThat(((Number) forecast.get("age_days")).longValue()).isEqualTo(300);
            assertThat(forecast.get("freshness")).as("%s", forecast).isEqualTo("stale");
        }
    }

    /** A committed run of a one-value dataset whose newest period is {@code label}, committed at {@code at}. */
    private void committedRun(String dataset, String label, Instant at) throws Exception {
        Path run = work.resolve("data/raw").resolve(dataset).resolve("run=20260101T000000000Z");
        Files.createDirectories(run);
        io.github.eiaoutages.RawFiles.execute("COPY (SELECT DATE '2026-01-02' AS period, 1.0 AS value, '" + label
                + "' AS period_label, '20260101T000000000Z' AS _run_id, 1::BIGINT AS _row_fp, 2::BIGINT AS _key_fp) TO '"
                + run.resolve("part-00001.parquet") + "' (FORMAT parquet)");
        Files.writeString(
                run.resolve("_manifest.json"),
                "{\"run_id\":\"20260101T000000000Z\",\"dataset\":\"" + dataset
                        + "\",\"committed_at\":\"" + at + "\",\"rows\":1,\"revisions\":0,\"period_min\":\"" + label
                        + "\",\"period_max\":\"" + label
                        + "\",\"parts\":[{\"file\":\"part-00001.parquet\",\"rows\":1,\"bytes\":0,"
                        + "\"sha256\":\"\",\"period_min\":\"" + label + "\",\"period_max\":\"" + label + "\"}],"
                        + "\"fetch\":{\"kind\":\"backfill\",\"from\":\"" + label + "\"}}");
    }
}
