package io.github.eiaoutages.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Every mistake in {@code pipeline.*} stops startup as an "Invalid setting" naming the key, the value and what is
 * accepted. Bound as the application binds it (application.yaml, the command line, validation), without the rest
 * of the application.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingErrorsTest {

    private static final String US = "pipeline.datasets.us-nuclear-outages.";

    @TempDir
    Path work;

    @Test
    void an_unknown_key_is_refused_with_the_closest_known_key() {
        InvalidConfigurationException failure = failure("--" + US + "fill-gap=true");

        assertThat(failure.key()).isEqualTo(US + "fill-gap");
        assertThat(failure.getMessage()).isEqualTo(US + "fill-gap is not a setting; did you mean " + US + "fill-gaps?");
    }

    @Test
    void an_unknown_key_close_to_none_is_answered_with_the_keys_of_its_level() {
        assertThat(failure("--pipeline.eia.speed=3").getMessage())
                .isEqualTo("pipeline.eia.speed is not a setting; "
                        + "the keys under pipeline.eia are api-key, base-url, page-size, max-pages-per-run, "
                        + "max-concurrent-requests, requests-per-second, requests-per-hour, retry");
    }

    @Test
    void a_misspelt_section_is_named_with_the_section_meant() {
        assertThat(failure("--pipeline.shutdwn.grace-period=5s").getMessage())
                .isEqualTo(
                        "pipeline.shutdwn.grace-period is not a setting; did you mean pipeline.shutdown.grace-period?");
    }

    @Test
    void a_misspelt_required_key_is_reported_as_the_typo_not_as_the_value_it_leaves_unset() {
        String d = "--pipeline.datasets.co2.";

        assertThat(failure(d + "rout=co2-emissions/co2-emissions-aggregates", d + "key=period")
                        .getMessage())
                .isEqualTo("pipeline.datasets.co2.rout is not a setting; did you mean pipeline.datasets.co2.route?");
    }

    @Test
    void a_dataset_s_fields_facets_and_value_limits_take_any_name() {
        String d = "--pipeline.datasets.co2.";

        PipelineProperties properties = bind(
                d + "route=co2-emissions/co2-emissions-aggregates",
                d + "key=period,stateId",
                d + "fields.stateId=string",
                d + "fields.sector-name=string",
                d + "fields.value=double",
                d + "facets.stateId=US,TX",
                d + "checks.at-most.value=capacity");

        assertThat(properties.datasets().get("co2").fields()).containsKeys("stateId", "sector-name", "value");
        assertThat(properties.datasets().get("co2").facets().get("stateId")).containsExactly("US", "TX");
    }

    @Test
    void a_value_that_is_not_true_or_false_is_named_with_what_is_accepted() {
        InvalidConfigurationException failure = failure("--" + US + "fill-gaps=maybe");

        assertThat(failure.key()).isEqualTo(US + "fill-gaps");
        assertThat(failure.getMessage()).isEqualTo(US + "fill-gaps is 'maybe', but must be true or false");
    }

    @Test
    void a_decimal_for_a_whole_number_is_named_with_what_is_accepted() {
        assertThat(failure("--pipeline.eia.page-size=0.5").getMessage())
                .isEqualTo("pipeline.eia.page-size is '0.5', but must be a whole number");
    }

    @Test
    void an_unknown_mode_lists_the_modes() {
        assertThat(failure("--pipeline.mode=daily").getMessage())
                .isEqualTo("pipeline.mode is 'daily', but must be one of serve, ingest-once, model-once");
    }

    @Test
    void a_value_outside_its_range_is_named_with_the_range() {
        assertThat(failure("--pipeline.eia.page-size=6000").getMessage())
                .isEqualTo("pipeline.eia.page-size is '6000', but must be less than or equal to 5000");
    }

    @Test
    void a_required_value_left_out_is_named_as_not_set() {
        String d = "--pipeline.datasets.broken.";

        assertThat(failure(d + "fields.period=date", d + "key=period").getMessage())
                .isEqualTo("pipeline.datasets.broken.route is not set, but must not be blank");
    }

    @Test
    void requests_per_second_takes_decimals_down_to_half_a_request() {
        assertThat(bind("--pipeline.eia.requests-per-second=0.5").eia().requestsPerSecond())
                .isEqualTo(0.5);
        assertThat(failure("--pipeline.eia.requests-per-second=0.2").getMessage())
                .isEqualTo("pipeline.eia.requests-per-second is 0.2, but must be between 0.5 (a request every 2 s) and "
                        + "1000; EIA asks for fewer than 5 a second");
    }

    @Test
    void a_duckdb_memory_limit_needs_a_unit_and_at_least_64_megabytes() {
        for (String bad : new String[] {"lots", "0", "-1GB", "100%", "1KB", "10MB"}) {
            assertThat(failure("--pipeline.storage.duckdb-memory-limit=" + bad).getMessage())
                    .as(bad)
                    .isEqualTo(
                            "pipeline.storage.duckdb-memory-limit is '" + bad + "', but must be an amount of memory "
                                    + "with its unit, at least 64MB (DuckDB cannot read a Parquet part in less), e.g. 512MB or 2GB");
        }
        assertThat(bind("--pipeline.storage.duckdb-memory-limit=1.5GiB")
                        .storage()
                        .duckdbMemoryLimit())
                .isEqualTo("1.5GiB");
        assertThat(bind("--pipeline.storage.duckdb-memory-limit=64MB").storage().duckdbMemoryLimit())
                .isEqualTo("64MB");
    }

    @Test
    void a_retry_max_delay_below_its_base_delay_is_refused_naming_both() {
        assertThat(failure("--pipeline.eia.retry.max-delay-ms=1").getMessage())
                .isEqualTo("pipeline.eia.retry.max-delay-ms "
                        + "is 1, below pipeline.eia.retry.base-delay-ms (2000): the backoff starts at the base delay and grows up "
                        + "to this; raise it, or lower base-delay-ms");
    }

    @Test
    void requests_per_second_that_is_not_a_number_is_named_as_such() {
        assertThat(failure("--pipeline.eia.requests-per-second=NaN").getMessage())
                .startsWith("pipeline.eia.requests-per-second is not a number, but must be between 0.5");
    }

    @Test
    void a_base_url_that_is_not_an_http_url_with_a_host_is_refused_and_a_password_in_it_never_repeated() {
        assertThat(failure("--pipeline.eia.base-url=ftp://x/v2").getMessage())
                .isEqualTo("pipeline.eia.base-url is "
                        + "'ftp://x/v2', but must be an https:// (or http://) URL such as https://api.eia.gov/v2");
        assertThat(failure("--pipeline.eia.base-url=https:///v2").getMessage()).contains("names no host");
        InvalidConfigurationException secret =
                failure("--pipeline.eia.base-url=http://proxyuser:PROXYPASS99@127.0.0.1:18699/v2");
        assertThat(secret.getMessage())
                .contains("holds a user name and password")
                .doesNotContain("PROXYPASS99")
                .doesNotContain("proxyuser");
        assertThat(failure("--pipeline.eia.base-url=http://127.0.0.1:1/v2?token=SECRETPW")
                        .getMessage())
                .contains("has a query or fragment")
                .doesNotContain("SECRETPW");
        assertThat(bind("--pipeline.eia.base-url=http://127.0.0.1:8089/v2")
                        .eia()
                        .baseUrl())
                .isEqualTo("http://127.0.0.1:8089/v2");
    }

    @Test
    void a_duration_written_as_a_bare_number_is_refused_saying_it_would_be_milliseconds() throws IOException {
        Path yaml = Files.writeString(
                work.resolve("settings.yaml"), "pipeline:\n  eia:\n    retry:\n      rate-limit-budget: 15\n");

        InvalidConfigurationException failure = failure("--spring.config.additional-location=file:" + yaml);

        assertThat(failure.key()).isEqualTo("pipeline.eia.retry.rate-limit-budget");
        assertThat(failure.getMessage())
                .isEqualTo("pipeline.eia.retry.rate-limit-budget is 15, a number without a "
                        + "unit: 15 means 15 ms; write 15s or 15m (or ms, h, d)");
    }

    @Test
    void a_duration_without_a_known_unit_is_named_with_what_is_accepted() {
        assertThat(failure("--pipeline.shutdown.grace-period=5 minutes").getMessage())
                .isEqualTo(
                        "pipeline.shutdown.grace-period is '5 minutes', but must be a duration with a unit, e.g. 30s, 15m, 2h or 3d");
    }

    @Test
    void a_rate_limit_budget_under_a_second_is_refused() {
        assertThat(failure("--pipeline.eia.retry.rate-limit-budget=0s").getMessage())
                .isEqualTo("pipeline.eia.retry.rate-limit-budget is 0s, but must be at least 1s (a 429 is retried for "
                        + "as long as it lasts), e.g. 15m");
        assertThat(failure("--pipeline.eia.retry.rate-limit-budget=-5m").getMessage())
                .startsWith("pipeline.eia.retry.rate-limit-budget is -5m, but must be at least 1s");
    }

    @Test
    void a_webhook_without_a_secret_stops_startup_saying_which_variable_to_set() {
        InvalidConfigurationException failure = failure("--pipeline.alerts.webhook.url=https://hooks.example.com/eia");

        assertThat(failure.key()).isEqualTo("pipeline.alerts.webhook.secret");
        assertThat(failure.action()).contains("ALERTS_WEBHOOK_SECRET");
    }

    @Test
    void an_alert_filter_naming_an_unknown_event_type_is_refused_instead_of_dropping_every_event() {
        assertThat(failure(
                                "--pipeline.alerts.file.path=" + work.resolve("alerts.jsonl"),
                                "--pipeline.alerts.file.filter.types=outage.strated")
                        .getMessage())
                .contains("names 'outage.strated', which is not an event type a filter can keep")
                .contains("outage.started, outage.ended, outage.revised, outage.withdrawn");
    }

    @Test
    void an_alert_filter_facility_that_is_not_a_plant_code_is_refused() {
        assertThat(failure("--pipeline.alerts.file.filter.facilities=Browns Ferry")
                        .getMessage())
                .contains("is not an EIA plant code")
                .contains("filter.plant-name");
    }

    @Test
    void a_webhook_url_with_a_password_is_refused_without_repeating_it() {
        InvalidConfigurationException failure = failure(
                "--pipeline.alerts.webhook.url=https://user:hunter42@hooks.example.com/eia",
                "--pipeline.alerts.webhook.secret=some-webhook-secret");

        assertThat(failure.getMessage()).contains("user:password@").doesNotContain("hunter42");
    }

    @Test
    void a_negative_grace_period_is_refused() {
        assertThat(failure("--pipeline.shutdown.grace-period=-5s").getMessage())
                .isEqualTo(
                        "pipeline.shutdown.grace-period is -5s, but must be zero (stop at once) or longer, e.g. 20s");
        assertThat(bind("--pipeline.shutdown.grace-period=0s").shutdown().gracePeriod())
                .isZero();
    }

    /** What the user sees: Spring Boot's failure report in the "Invalid setting … Action" form, not "Failed to bind". */
    @Test
    void the_report_says_invalid_setting_and_where_the_value_is_set(CapturedOutput output) {
        failure("--pipeline.eia.requests-per-second=fast");

        assertThat(output.getOut() + output.getErr())
                .contains("Invalid setting: pipeline.eia.requests-per-second is 'fast', but must be a number")
                .contains(
                        "Fix 'pipeline.eia.requests-per-second' where it is set (\"pipeline.eia.requests-per-second\" "
                                + "from property source \"commandLineArgs\") and start again.")
                .doesNotContain("Failed to bind");
    }

    /** Only the settings: application.yaml, the command line, the binding and its checks. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PipelineProperties.class)
    @Import(PipelineSettingsBinding.class)
    static class SettingsOnly {}

    private PipelineProperties bind(String... args) {
        try (ConfigurableApplicationContext context = start(args)) {
            return context.getBean(PipelineProperties.class);
        }
    }

    private InvalidConfigurationException failure(String... args) {
        Throwable thrown = catchThrowable(() -> start(args).close());
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigurationException invalid) {
                return invalid;
            }
        }
        throw new AssertionError(
                "startup with " + List.of(args) + " did not fail with an InvalidConfigurationException", thrown);
    }

    private ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--pipeline.storage.data-dir=" + work.resolve("data"));
        all.add("--spring.main.banner-mode=off");
        return new SpringApplicationBuilder(SettingsOnly.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(all.toArray(String[]::new));
    }
}
