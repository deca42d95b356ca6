package io.github.eiaoutages.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.period.Frequency;
import io.github.eiaoutages.period.Period;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run asks EIA for: a backfill until one from the start is committed, then the newest periods. */
class EiaPagingTest {

    private static final String DATASET = "generator-nuclear-outages";

    @TempDir
    Path work;

    private EiaPaging paging() {
        PipelineProperties properties = TestSettings.properties(
                work,
                "pipeline.eia.api-key=test-key",
                "pipeline.datasets." + DATASET + ".start=2026-01-01",
                "pipeline.datasets." + DATASET + ".window-days=100",
                "pipeline.datasets." + DATASET + ".look-back-days=14");
        return new EiaPaging(
                new DatasetCatalog(properties),
                new EiaEndpoint(properties),
                properties,
                Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void an_empty_dataset_backfills_from_its_start() {
        List<PageCursor> cursors = paging().plan(DATASET, null, null, null, List.of(), List.of());

        assertThat(cursors)
                .extracting(PageCursor::window)
                .containsExactly(
                        "2026-01-01..2026-04-10", "2026-04-11..2026-07-19", "2026-07-20..2026-10-27", "2026-10-28..");
        assertThat(cursors).allMatch(PageCursor::backfill);
    }

    @Test
    void rows_of_range_refetches_alone_still_owe_the_backfill() {
        List<PageCursor> cursors = paging().plan(DATASET, day("2026-06-30"), null, null, List.of(), List.of());

        assertThat(cursors.get(0).window()).isEqualTo("2026-01-01..2026-04-10");
        assertThat(cursors).allMatch(PageCursor::backfill);
    }

    @Test
    void a_backfilled_dataset_asks_for_its_newest_periods_less_the_look_back() {
        List<PageCursor> cursors =
                paging().plan(DATASET, day("2026-11-28"), day("2026-01-01"), null, List.of(), List.of());

        assertThat(cursors).extracting(PageCursor::window).containsExactly("2026-11-14..");
        assertThat(cursors.get(0).backfill()).isFalse();
    }

    @Test
    void a_start_moved_earlier_backfills_only_the_periods_before_the_old_one() {
        List<PageCursor> cursors =
                paging().plan(DATASET, day("2026-11-28"), day("2026-03-01"), null, List.of(), List.of());

        assertThat(cursors).extracting(PageCursor::window).containsExactly("2026-01-01..2026-02-28", "2026-11-14..");
        assertThat(cursors.get(0).backfill()).isTrue();
    }

    private static Period day(String label) {
        return Frequency.DAILY.parse(label);
    }
}
