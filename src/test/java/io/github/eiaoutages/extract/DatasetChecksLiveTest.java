package io.github.eiaoutages.extract;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.OwnLiveAppTest;
import io.github.eiaoutages.period.Frequency;
import io.github.eiaoutages.sample.SampleSeries;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dataset's facets and columns are checked against EIA's metadata on its first run: a typo fails the run before
 * anything is fetched, naming the key, the value and the close valid ids; a good configuration is checked once.
 */
@OwnLiveAppTest.Settings({
    "pipeline.datasets.region-typo.route=electricity/rto/region-data",
    "pipeline.datasets.region-typo.frequency=hourly",
    "pipeline.datasets.region-typo.start=2026-11-01T00",
    "pipeline.datasets.region-typo.data=value",
    "pipeline.datasets.region-typo.facets.respondent=PJM,ERCOT",
    "pipeline.datasets.region-typo.key=period,respondent,type",
    "pipeline.datasets.region-typo.fields.respondent=string",
    "pipeline.datasets.region-typo.fields.type=string",
    "pipeline.datasets.region-typo.fields.value=double",
    "pipeline.datasets.region-column.route=electricity/rto/region-data",
    "pipeline.datasets.region-column.frequency=hourly",
    "pipeline.datasets.region-column.start=2026-11-01T00",
    "pipeline.datasets.region-column.data=valu",
    "pipeline.datasets.region-column.key=period,respondent,type",
    "pipeline.datasets.region-column.fields.respondent=string",
    "pipeline.datasets.region-column.fields.type=string",
    "pipeline.datasets.region-column.fields.valu=double",
    "pipeline.datasets.region-ok.route=electricity/rto/region-data",
    "pipeline.datasets.region-ok.frequency=hourly",
    "pipeline.datasets.region-ok.start=2026-11-01T00",
    "pipeline.datasets.region-ok.data=value",
    "pipeline.datasets.region-ok.facets.respondent=ERCO",
    "pipeline.datasets.region-ok.key=period,respondent,type",
    "pipeline.datasets.region-ok.fields.respondent=string",
    "pipeline.datasets.region-ok.fields.type=string",
    "pipeline.datasets.region-ok.fields.value=double"
})
class DatasetChecksLiveTest extends OwnLiveAppTest {

    private static final String ROUTE = "/v2/electricity/rto/region-data/";

    @BeforeEach
    void serveRegionData() {
        EIA.serve(SampleSeries.regionData(
                Frequency.HOURLY.parse("2026-11-01T00"), Frequency.HOURLY.parse("2026-11-01T05")));
    }

    @Test
    void an_unknown_facet_value_fails_the_run_before_fetching_naming_the_key_and_the_close_valid_id() throws Exception {
        Map<String, Object> run = runOfExpecting("region-typo", "failed");

        assertThat((String) run.get("error"))
                .isEqualTo("The configuration of region-typo does not match EIA's metadata "
                        + "(nothing was fetched): pipeline.datasets.region-typo.facets.respondent: EIA has no respondent 'ERCOT' "
                        + "on electricity/rto/region-data; did you mean ERCO?");
        EIA.server().verify(0, getRequestedFor(urlPathEqualTo(ROUTE + "data/")));
        assertThat(stored("region-typo")).isEmpty();
    }

    @Test
    void an_unknown_data_column_fails_the_run_naming_the_column_there_is() {
        Map<String, Object> run = runOfExpecting("region-column", "failed");

        assertThat((String) run.get("error"))
                .contains("pipeline.datasets.region-column.data: EIA's "
                        + "electricity/rto/region-data has no data column 'valu'; did you mean value?");
        EIA.server().verify(0, getRequestedFor(urlPathEqualTo(ROUTE + "data/")));
    }

    @Test
    void a_good_configuration_is_checked_on_the_first_run_only() throws Exception {
        runOfExpecting("region-ok", "succeeded");
        runOfExpecting("region-ok", "succeeded");

        EIA.server().verify(1, getRequestedFor(urlPathEqualTo(ROUTE)));
        EIA.server().verify(1, getRequestedFor(urlPathEqualTo(ROUTE + "facet/respondent/")));
        assertThat(EIA.server().findAll(getRequestedFor(urlPathMatching(ROUTE + "data/?"))))
                .hasSizeGreaterThan(2);
        assertThat(Files.readString(dataDir().resolve("raw/region-ok/_spec.json")))
                .contains("\"respondent\" : [ \"ERCO\" ]");
    }
}
