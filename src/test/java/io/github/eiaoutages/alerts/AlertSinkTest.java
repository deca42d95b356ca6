package io.github.eiaoutages.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.config.PipelineProperties;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sink's filter, one rule per test: type, facility, plant name (any case), minimum MW, and what always passes. */
class AlertSinkTest {

    private static final OutageEvent BROWNS_FERRY = event(OutageEvent.STARTED, "46", "Browns Ferry", 627.4);

    @Test
    void an_empty_filter_lets_everything_through() {
        assertThat(sink(List.of(), List.of(), "", 0).accepts(BROWNS_FERRY)).isTrue();
    }

    @Test
    void types_keep_only_the_types_listed() {
        assertThat(sink(List.of(OutageEvent.ENDED), List.of(), "", 0).accepts(BROWNS_FERRY))
                .isFalse();
        assertThat(sink(List.of(OutageEvent.STARTED), List.of(), "", 0).accepts(BROWNS_FERRY))
                .isTrue();
    }

    @Test
    void facilities_keep_only_the_plants_listed() {
        assertThat(sink(List.of(), List.of("6001"), "", 0).accepts(BROWNS_FERRY))
                .isFalse();
        assertThat(sink(List.of(), List.of("6001", "46"), "", 0).accepts(BROWNS_FERRY))
                .isTrue();
    }

    @Test
    void plant_name_matches_a_part_in_any_case() {
        assertThat(sink(List.of(), List.of(), "FERRY", 0).accepts(BROWNS_FERRY)).isTrue();
        assertThat(sink(List.of(), List.of(), "vogtle", 0).accepts(BROWNS_FERRY))
                .isFalse();
    }

    @Test
    void min_mw_drops_smaller_outages() {
        assertThat(sink(List.of(), List.of(), "", 700).accepts(BROWNS_FERRY)).isFalse();
        assertThat(sink(List.of(), List.of(), "", 627.4).accepts(BROWNS_FERRY)).isTrue();
    }

    @Test
    void snapshot_and_test_events_always_pass() {
        AlertSink strict = sink(List.of(OutageEvent.ENDED), List.of("6001"), "vogtle", 5000);
        OutageEvent bulk = OutageEvent.ofSnapshot(
                "s", "/x", Instant.EPOCH, OutageEvent.BULK_CHANGE, OutageChanges.snapshotData("s", 500, "many"));

        assertThat(strict.accepts(bulk)).isTrue();
    }

    private static AlertSink sink(List<String> types, List<String> facilities, String plantName, double minMw) {
        return AlertSink.of("webhook", new PipelineProperties.AlertFilter(types, facilities, plantName, minMw));
    }

    private static OutageEvent event(String type, String facility, String plant, double peakMw) {
        return OutageEvent.of(
                "20250101T000000000Z",
                "/eia-outage-pipeline/generator-nuclear-outages",
                Instant.EPOCH,
                type,
                new OutageEvent.Data(
                        "20250101T000000000Z",
                        facility + "-1-20250101",
                        facility,
                        "1",
                        plant,
                        plant + " Unit 1",
                        null,
                        null,
                        1,
                        peakMw,
                        peakMw,
                        peakMw * 24,
                        1200.0,
                        true,
                        false,
                        null,
                        null,
                        null,
                        null));
    }
}
