package io.github.eiaoutages.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.PipelineProperties;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of the metadata check, one test each: suggestions, what is compared, when it runs again. */
class DatasetChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RESPONDENTS = List.of("CISO", "ERCO", "MISO", "PJM", "SWPP", "SRP", "SC", "SCL");

    @TempDir
    Path work;

    @Test
    void suggests_up_to_three_ids_within_two_edits_ignoring_case() {
        DatasetChecks checks = checks();

        assertThat(checks.suggest("ERCOT", RESPONDENTS, "x")).isEqualTo("; did you mean ERCO?");
        assertThat(checks.suggest("erco", RESPONDENTS, "x")).isEqualTo("; did you mean ERCO?");
        assertThat(checks.suggest("SCC", RESPONDENTS, "x")).isEqualTo("; did you mean SC or SCL or SRP?");
        assertThat(checks.suggest("Texas", List.of("a", "b"), "x")).isEqualTo("; valid: a, b");
        assertThat(checks.suggest(
                        "Texas",
                        RESPONDENTS.stream().map(r -> r + "XYZ").toList().subList(0, 8),
                        "route/facet/x/"))
                .isEqualTo("; valid: CISOXYZ, ERCOXYZ, MISOXYZ, PJMXYZ, SWPPXYZ, SRPXYZ, SCXYZ, SCLXYZ");
    }

    @Test
    void a_frequency_the_route_does_not_offer_and_several_problems_are_reported_at_once() throws Exception {
        DatasetChecks checks = checks(
                "monthly=electricity/rto/region-data", "frequency=monthly", "start=2024-01", "facets.respondent=ERCOT");
        DatasetCheck check = checks.start("monthly");
        check.answered(JSON.readTree("""
                {"frequency":[{"id":"hourly"},{"id":"local-hourly"}],"facets":[{"id":"respondent"},{"id":"type"}],
                 "data":{"value":{"units":"megawatthours"}}}"""));
        check.answered(
                JSON.readTree("{\"facets\":[{\"id\":\"ERCO\",\"name\":\"Electric Reliability Council of Texas\"}]}"));

        assertThatThrownBy(() -> checks.verify(check))
                .isInstanceOf(EiaResponseException.class)
                .hasMessageContaining("pipeline.datasets.monthly.frequency: EIA's electricity/rto/region-data has no "
                        + "frequency 'monthly'; it offers hourly, local-hourly")
                .hasMessageContaining("pipeline.datasets.monthly.facets.respondent: EIA has no respondent 'ERCOT'");
        assertThat(checks.needed("monthly")).isTrue();
    }

    @Test
    void a_checked_configuration_is_not_checked_again_until_its_facets_change() throws Exception {
        DatasetChecks checks = checks(
                "monthly=electricity/rto/region-data",
                "frequency=hourly",
                "start=2026-11-01T00",
                "facets.respondent=ERCO");
        DatasetCheck check = checks.start("monthly");
        check.answered(JSON.readTree("{\"frequency\":[{\"id\":\"hourly\"}],\"facets\":[{\"id\":\"respondent\"}],"
                + "\"data\":{\"value\":{}}}"));
        check.answered(JSON.readTree("{\"facets\":[{\"id\":\"ERCO\"},{\"id\":\"PJM\"}]}"));
        assertThat(check.hasMore()).isFalse();

        checks.verify(check);

        assertThat(checks.needed("monthly")).isFalse();
        assertThat(checks(
                                "monthly=electricity/rto/region-data",
                                "frequency=hourly",
                                "start=2026-11-01T00",
                                "facets.respondent=ERCO,PJM")
                        .needed("monthly"))
                .isTrue();
    }

    /** A dataset "monthly" built from {@code settings} ("route" first as {@code monthly=<route>}). */
    private DatasetChecks checks(String... settings) {
        String p = "pipeline.datasets.monthly.";
        String[] overrides = new String[settings.length + 5];
        overrides[0] = "pipeline.eia.api-key=a-key";
        overrides[1] = p + "data=value";
        overrides[2] = p + "key=period,respondent";
        overrides[3] = p + "fields.respondent=string";
        overrides[4] = p + "fields.value=double";
        for (int i = 0; i < settings.length; i++) {
            overrides[5 + i] =
                    settings[i].startsWith("monthly=") ? p + "route=" + settings[i].substring(8) : p + settings[i];
        }
        if (settings.length == 0) {
            return checks("monthly=electricity/rto/region-data", "frequency=monthly", "start=2024-01");
        }
        PipelineProperties properties = TestSettings.properties(work, overrides);
        return new DatasetChecks(new DatasetCatalog(properties), new EiaEndpoint(properties), JSON, properties);
    }
}
