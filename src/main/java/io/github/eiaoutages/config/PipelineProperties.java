package io.github.eiaoutages.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.quartz.CronExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under {@code pipeline:} in {@code application.yaml}. Bound and validated at startup, so a bad
 * value stops the application with a message that names the key instead of failing on the first run.
 */
@Validated
@ConfigurationProperties("pipeline")
public record PipelineProperties(
        @DefaultValue("serve") PipelineMode mode,
        @DefaultValue("true") boolean runOnStartup,
        @Valid @DefaultValue Schedule schedule,
        @Valid @DefaultValue Eia eia,
        @Valid @DefaultValue Storage storage,
        @Valid @DefaultValue Model model,
        @Valid @DefaultValue Shutdown shutdown,
        @Valid @DefaultValue Api api,
        @Valid @DefaultValue Cluster cluster,
        @Valid @DefaultValue Alerts alerts,
        @NotEmpty Map<String, @Valid @NotNull Dataset> datasets) {

    /**
     * Outage alerts: the changes between one model snapshot and the next, as CloudEvents (alerts.OutageChanges).
     *
     * @param revisionTolerance how much an event's past days must change to be {@code outage.revised}: more than
     *     {@code mw} megawatts and more than {@code percent} % of the old value (peak or average MW)
     * @param maxEventsPerBuild above this many events in one build, sinks get one {@code snapshot.bulk-change}
     *     instead (a range re-fetch or a model change must not flood anyone); {@code GET /events} keeps them all
     * @param retention how long events are kept, whatever {@code pipeline.model.keep-snapshots} says
     */
    public record Alerts(
            @Valid @DefaultValue RevisionTolerance revisionTolerance,
            @Min(1) @DefaultValue("200") int maxEventsPerBuild,
            @NotNull @DefaultValue("90d") Duration retention,
            @Valid @DefaultValue Webhook webhook,
            @Valid @DefaultValue FileSink file,
            @Valid @DefaultValue Mqtt mqtt,
            @Valid @DefaultValue SinkRetry retry) {}

    /**
     * The webhook sink: each event POSTed as {@code application/cloudevents+json}, signed with
     * {@code X-Signature-256: sha256=<hex HMAC-SHA256 of the body>} (the secret comes from ALERTS_WEBHOOK_SECRET).
     *
     * @param url where to POST; empty = this sink is off
     */
    public record Webhook(
            @DefaultValue("") String url,
            @DefaultValue("") String secret,
            @Valid @DefaultValue AlertFilter filter) {

        public Webhook {
            if (url != null && !url.isBlank()) {
                if (!url.startsWith("http://") && !url.startsWith("https://")) {
                    throw new InvalidConfigurationException(
                            "pipeline.alerts.webhook.url", "must be an http:// or https:// URL (or empty: no webhook)");
                }
                String authority = url.substring(url.indexOf("//") + 2).split("[/?#]", 2)[0];
                if (authority.contains("@")) {
                    // Not repeated: it holds a password. The HTTP client refuses such URLs on every delivery.
                    throw new InvalidConfigurationException(
                            "pipeline.alerts.webhook.url",
                            "holds a user:password@ part, which the HTTP client refuses; receivers check the "
                                    + "X-Signature-256 header instead (or put a token in the URL's query)");
                }
                if (secret == null || secret.isBlank()) {
                    throw InvalidConfigurationException.withAction(
                            "pipeline.alerts.webhook.secret",
                            "is empty, but a webhook URL is set: receivers could not tell our events from forgeries",
                            "Set ALERTS_WEBHOOK_SECRET to a long random string shared with the receiver (it signs each "
                                    + "body: X-Signature-256), or leave ALERTS_WEBHOOK_URL empty");
                }
            }
        }

        /** Never print the secret: records print their fields, so this record does not. */
        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secret=" + (secret == null || secret.isBlank() ? "<none>" : "<set>")
                    + ", filter=" + filter + "]";
        }
    }

    /** The file sink: one CloudEvent per line appended to {@code path} (JSON lines); empty = off. */
    public record FileSink(
            @DefaultValue("") String path,
            @Valid @DefaultValue AlertFilter filter) {}

    /**
     * The broker sink: each event published to an MQTT broker (camel-paho), QoS 1.
     *
     * @param brokerUrl e.g. {@code tcp://broker:1883}; empty = off
     */
    public record Mqtt(
            @DefaultValue("") String brokerUrl,
            @DefaultValue("eia/outages") String topic,
            @Valid @DefaultValue AlertFilter filter) {}

    /**
     * Which events a sink gets; an empty list or 0 lets everything through. Snapshot and test events always pass.
     *
     * @param types event types, e.g. outage.started
     * @param facilities EIA plant codes (facility ids)
     * @param plantName part of the plant name, any case
     * @param minMw the event's peak outage, at least (MW)
     */
    public record AlertFilter(
            @DefaultValue List<String> types,
            @DefaultValue List<String> facilities,
            @DefaultValue("") String plantName,
            @DecimalMin("0") @DefaultValue("0") double minMw) {

        /** The outage event types a filter can name (snapshot and test events always pass). */
        public static final List<String> TYPES =
                List.of("outage.started", "outage.ended", "outage.revised", "outage.withdrawn");

        public AlertFilter {
            // A typo would drop every event without a word: refused instead.
            for (String type : types == null ? List.<String>of() : types) {
                if (!TYPES.contains(type)) {
                    throw new InvalidConfigurationException(
                            "pipeline.alerts.<sink>.filter.types",
                            "names '" + type + "', which is not an event type a filter can keep; use "
                                    + String.join(", ", TYPES));
                }
            }
            for (String facility : facilities == null ? List.<String>of() : facilities) {
                if (facility.isBlank() || !facility.strip().chars().allMatch(Character::isDigit)) {
                    throw new InvalidConfigurationException(
                            "pipeline.alerts.<sink>.filter.facilities",
                            "names '" + facility + "', which is not an EIA plant code (digits, e.g. 46); to match "
                                    + "a plant by name use filter.plant-name");
                }
            }
        }
    }

    /** How a sink that fails is retried: the same event, doubling from {@code base-delay} up to {@code max-delay}. */
    public record SinkRetry(
            @NotNull @DefaultValue("1s") Duration baseDelay,
            @NotNull @DefaultValue("60s") Duration maxDelay) {}

    /** The two thresholds of {@code pipeline.alerts.revision-tolerance}; both must be exceeded. */
    public record RevisionTolerance(
            @DecimalMin("0") @DefaultValue("1") double mw,
            @DecimalMin("0") @DefaultValue("1") double percent) {}

    /**
     * Several instances on one PostgreSQL database ({@code spring.datasource.*}) and one shared data folder
     * (cluster.ClusterConfig). Off by default: one instance, an in-memory schedule, the folder's own lock.
     *
     * @param lease how long the active run's lease lasts without a renewal (its instance renews it every quarter
     *     of this): an instance killed or stopped mid-run is taken over this long after its last renewal
     * @param instanceName this instance's name in run records and 409 answers; empty = {@code <host>-<pid>}
     * @param snapshotPoll how often an instance asks PostgreSQL which model snapshot is current
     */
    public record Cluster(
            @DefaultValue("false") boolean enabled,
            @NotNull @DefaultValue("60s") Duration lease,
            @DefaultValue("") String instanceName,
            @NotNull @DefaultValue("2s") Duration snapshotPoll) {

        public Cluster {
            if (lease != null && lease.compareTo(Duration.ofSeconds(4)) < 0) {
                throw new InvalidConfigurationException(
                        "pipeline.cluster.lease",
                        "is " + text(lease)
                                + ", but must be at least 4s (it is renewed at least every quarter of it), e.g. 60s");
            }
            if (snapshotPoll != null && (snapshotPoll.isNegative() || snapshotPoll.isZero())) {
                throw new InvalidConfigurationException(
                        "pipeline.cluster.snapshot-poll",
                        "is " + text(snapshotPoll) + ", but must be positive, e.g. 2s");
            }
        }

        /** This instance's name: {@code instance-name}, or the host name and process id. */
        public String instance() {
            if (instanceName != null && !instanceName.isBlank()) {
                return instanceName.strip();
            }
            String host = System.getenv("HOSTNAME");
            if (host == null || host.isBlank()) {
                try {
                    host = java.net.InetAddress.getLocalHost().getHostName();
                } catch (java.io.IOException e) {
                    host = "localhost";
                }
            }
            return host + "-" + ProcessHandle.current().pid();
        }
    }

    /**
     * The REST API's bearer token and worker threads. Read where they are used (security.SecurityConfig,
     * serve.ApiWorkerThreads); declared here so that they are known keys of {@code pipeline:}.
     */
    public record Api(
            @DefaultValue("") String token,
            @DefaultValue("0") int workerThreads) {

        /** Never print the token: records print their fields, so this record does not. */
        @Override
        public String toString() {
            return "Api[token=" + (token == null || token.isBlank() ? "<none>" : "<set>") + ", workerThreads="
                    + workerThreads + "]";
        }
    }

    /**
     * How long a stop (SIGTERM) waits for a run to end by itself before it is interrupted; also Spring's and
     * Camel's shutdown timeouts (run.ShutdownSettings). Kubernetes' terminationGracePeriodSeconds must be longer.
     */
    public record Shutdown(@NotNull @DefaultValue("20s") Duration gracePeriod) {

        public Shutdown {
            if (gracePeriod != null && gracePeriod.isNegative()) {
                throw new InvalidConfigurationException(
                        "pipeline.shutdown.grace-period",
                        "is " + text(gracePeriod) + ", but must be zero (stop at once) or longer, e.g. 20s");
            }
        }
    }

    /** When Quartz starts runs on its own. */
    public record Schedule(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0 15 * * * ?") String cron,
            @DefaultValue("UTC") String timeZone,
            // How long a scheduled run of one dataset waits for a run of other datasets to end before it is skipped.
            @NotNull @DefaultValue("30m") Duration waitForActiveRun,
            // How often a long run logs its progress line (ops/ProgressLog).
            @NotNull @DefaultValue("5s") Duration progressLogInterval) {

        public Schedule {
            if (waitForActiveRun != null && waitForActiveRun.isNegative()) {
                throw new InvalidConfigurationException(
                        "pipeline.schedule.wait-for-active-run",
                        "is " + waitForActiveRun + ", but must be zero (skip at once) or longer, e.g. 30m");
            }
            if (progressLogInterval != null && progressLogInterval.toMillis() < 1) {
                throw new InvalidConfigurationException(
                        "pipeline.schedule.progress-log-interval",
                        "is " + progressLogInterval + ", but must be at least 1ms, e.g. 5s");
            }
            if (cron == null || !CronExpression.isValidExpression(cron)) {
                throw new InvalidConfigurationException(
                        "pipeline.schedule.cron",
                        "'" + cron + "' is not a Quartz cron "
                                + "expression (seconds minutes hours day-of-month month day-of-week), e.g. \"0 15 * * * ?\"");
            }
            if (!ZoneId.getAvailableZoneIds().contains(timeZone) && !"UTC".equals(timeZone)) {
                throw new InvalidConfigurationException(
                        "pipeline.schedule.time-zone",
                        "'" + timeZone + "' is not a time zone id such as UTC or America/New_York");
            }
        }
    }

    /** Access to the EIA Open Data API v2. An empty key switches to the bundled sample server. */
    public record Eia(
            @DefaultValue("") String apiKey,

            @NotBlank @DefaultValue("https://api.eia.gov/v2")
            String baseUrl,
            // EIA answers at most 5,000 rows per JSON request; asking for more silently truncates.
            @Min(1) @Max(5000) @DefaultValue("5000") int pageSize,
            // Guards against an API that ignores offset and returns the same full page forever.
            @Min(1) @DefaultValue("100000") int maxPagesPerRun,
            // Pages (of different date windows) fetched at once during a backfill.
            @Min(1) @Max(32) @DefaultValue("8") int maxConcurrentRequests,
            // Ceiling over all datasets and concurrent fetches; EIA asks for < 5/s and < 9,000/hour. A decimal: 0.5 is
            // one request every 2 s, the floor a 429 lowers the ceiling to (extract.EiaRateLimiter).
            @DefaultValue("4") double requestsPerSecond,
            // EIA's hourly guidance is 9,000; 4/s sustained would be 14,400, so a backfill also needs this ceiling.
            @Min(1) @DefaultValue("7200") int requestsPerHour,
            @Valid @DefaultValue Retry retry) {

        public Eia {
            if (!(requestsPerSecond >= 0.5 && requestsPerSecond <= 1000)) {
                throw new InvalidConfigurationException(
                        "pipeline.eia.requests-per-second",
                        "is "
                                + (Double.isFinite(requestsPerSecond)
                                        ? BigDecimal.valueOf(requestsPerSecond)
                                                .stripTrailingZeros()
                                                .toPlainString()
                                        : "not a number")
                                + ", but must be between 0.5 (a request every 2 s) and 1000; EIA asks for fewer than 5 a second");
            }
            checkBaseUrl(baseUrl);
        }

        /**
         * An http(s) URL with a host and no user name or password: anything else fails every request with a message
         * that does not name this setting, and a password in it would be written in logs and sent to EIA.
         */
        private static void checkBaseUrl(String baseUrl) {
            if (baseUrl == null || baseUrl.isBlank()) {
                return;
            }
            String key = "pipeline.eia.base-url";
            java.net.URI uri;
            try {
                uri = new java.net.URI(baseUrl.strip());
            } catch (java.net.URISyntaxException e) {
                throw new InvalidConfigurationException(
                        key, "is not a URL (" + e.getReason() + "); write e.g. " + "https://api.eia.gov/v2");
            }
            if (uri.getRawUserInfo() != null) {
                // The value is not repeated: it holds a password.
                throw new InvalidConfigurationException(
                        key,
                        "holds a user name and password before the host; they "
                                + "would be written in logs and sent with every request. Leave them out (EIA needs only "
                                + "EIA_API_KEY; a proxy is set with the JVM's -Dhttps.proxyHost and -Dhttps.proxyPort)");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                // Not repeated either: a query is where a token would be.
                throw new InvalidConfigurationException(
                        key,
                        "has a query or fragment (after ? or #); it must end with the "
                                + "path before the route, e.g. https://api.eia.gov/v2 (the API key goes in EIA_API_KEY)");
            }
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
                throw new InvalidConfigurationException(
                        key,
                        "is '" + baseUrl + "', but must be an https:// (or http://) "
                                + "URL such as https://api.eia.gov/v2");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw new InvalidConfigurationException(
                        key, "is '" + baseUrl + "', which names no host; write e.g. " + "https://api.eia.gov/v2");
            }
        }

        public boolean sampleMode() {
            return apiKey == null || apiKey.isBlank();
        }

        /** Never print the key: records print their fields, so this record does not. */
        @Override
        public String toString() {
            return "Eia[baseUrl=" + baseUrl + ", apiKey=" + (sampleMode() ? "<none>" : "<set>") + "]";
        }
    }

    /**
     * Retries of a request: after 5xx, timeouts, resets or a body that is not JSON, {@code attempts} times,
     * exponential with jitter; after a 429, for as long as {@code rateLimitBudget} lasts.
     */
    public record Retry(
            @Min(0) @Max(20) @DefaultValue("5") int attempts,
            @Min(0) @DefaultValue("2000") long baseDelayMs,
            @Min(0) @DefaultValue("60000") long maxDelayMs,
            // A 429 is retried (after a shared pause, at a lower rate) for as long as this lasts, however often.
            @NotNull @DefaultValue("15m") Duration rateLimitBudget) {

        public Retry {
            // EIA's Retry-After is a second or more: a shorter budget fails a run on its first 429.
            if (rateLimitBudget != null && rateLimitBudget.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new InvalidConfigurationException(
                        "pipeline.eia.retry.rate-limit-budget",
                        "is "
                                + text(rateLimitBudget)
                                + ", but must be at least 1s (a 429 is retried for as long as it lasts), "
                                + "e.g. 15m");
            }
            if (maxDelayMs < baseDelayMs) {
                throw new InvalidConfigurationException(
                        "pipeline.eia.retry.max-delay-ms",
                        "is " + maxDelayMs
                                + ", below pipeline.eia.retry.base-delay-ms (" + baseDelayMs
                                + "): the backoff starts at the base "
                                + "delay and grows up to this; raise it, or lower base-delay-ms");
            }
        }
    }

    /** Where files land. Both folders are outputs; relative paths are taken from the working directory. */
    public record Storage(
            @NotNull @DefaultValue("data") Path dataDir,
            @NotNull @DefaultValue("modeled") Path modeledDir,
            // Rows per Parquet part: bounds the memory a run holds before it writes a file.
            @Min(100) @DefaultValue("100000") int rowsPerPart,
            // DuckDB's memory_limit: what the in-process DuckDB may use beside the JVM heap (it spills beyond).
            @NotNull @DefaultValue("2GB") String duckdbMemoryLimit) {

        public Storage {
            if (duckdbMemoryLimit != null
                    && (!duckdbMemoryLimit.strip().matches("(?i)\\d+(\\.\\d+)?\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)")
                            || megabytes(duckdbMemoryLimit) < 64)) {
                throw new InvalidConfigurationException(
                        "pipeline.storage.duckdb-memory-limit",
                        "is '" + duckdbMemoryLimit
                                + "', but must be an amount of memory with its unit, at least 64MB (DuckDB cannot read a Parquet "
                                + "part in less), e.g. 512MB or 2GB");
            }
        }

        /** An amount such as {@code 512MB} or {@code 1.5GiB} in megabytes (1000 or 1024 based alike: a rough bound). */
        private static double megabytes(String amount) {
            String text = amount.strip().toUpperCase(java.util.Locale.ROOT).replace("I", "");
            double number = Double.parseDouble(text.replaceAll("[^0-9.]", ""));
            return number * (text.endsWith("KB") ? 1e-3 : text.endsWith("MB") ? 1 : text.endsWith("GB") ? 1e3 : 1e6);
        }

        public Path rawDir() {
            return dataDir.resolve("raw");
        }

        public Path quarantineDir() {
            return dataDir.resolve("quarantine");
        }
    }

    /**
     * The star schema: which dataset feeds it, how many published snapshots stay on disk, and which datasets its
     * generator totals are checked against after each build (blank or not configured = that check is skipped).
     */
    public record Model(
            @NotBlank @DefaultValue("generator-nuclear-outages")
            String dataset,

            @Min(1) @DefaultValue("3") int keepSnapshots,
            @DefaultValue("facility-nuclear-outages") String facilityTotals,
            @DefaultValue("us-nuclear-outages") String nationalTotals) {}

    /**
     * One EIA dataset: a route of API v2 and how its rows are typed and keyed. Periods ({@code start}) are
     * written in the dataset's own format ({@code 2024-01} monthly, {@code 2023-Q1} quarterly, {@code "2015"}
     * annual, {@code 2026-10-25T00-05} local-hourly); counts of periods ({@code look-back}, {@code window}) are in
     * its own steps. Resolved and checked by {@link DatasetSpec}.
     */
    public record Dataset(
            @NotBlank String route,
            // hourly, local-hourly, daily, weekly, monthly, quarterly or annual (EIA's names).
            @NotBlank @DefaultValue("daily") String frequency,
            // First period a backfill asks for; only the nuclear-outages routes have a default (2007-01-01).
            String start,
            @DefaultValue List<String> data,
            @DefaultValue Map<String, List<String>> facets,
            @NotEmpty List<String> key,
            // field -> type (string, date, hour, double, long); 'period' may be left out: its type then follows
            // the frequency. Read as text, so a wrong type is reported like every other setting (DatasetSpec).
            @DefaultValue Map<String, String> fields,
            // Periods an incremental run asks for again before the newest stored one (EIA revises recent data).
            @Min(0) Integer lookBack,
            // Periods per backfill window; windows are fetched concurrently and keep offsets low.
            @Min(1) Integer window,
            // The same two in days, for daily and hourly datasets only.
            @Min(0) Integer lookBackDays,
            @Min(1) Integer windowDays,
            @Valid @DefaultValue Checks checks,
            // When Quartz runs this dataset; cron or time-zone left out = pipeline.schedule's.
            @Valid DatasetSchedule schedule,
            // How old the end of the newest period may be before health reports the dataset stale (DOWN);
            // defaults by frequency: hourly 2d, daily 3d, weekly 14d, monthly 75d, quarterly 200d, annual 500d.
            Duration maxAge,
            // EIA's total counts the rows of a query on most routes, so a window short of it is fetched again and
            // reported; false where it counts something else (the facility route's total counts generators).
            @DefaultValue("true") boolean totalIsReliable,
            // Every period between the first and the newest should have rows: GET /datasets and health list the
            // periods that have none at all (gaps).
            @DefaultValue("false") boolean expectComplete,
            // Scheduled runs also fetch the gaps found (needs expect-complete).
            @DefaultValue("false") boolean fillGaps,
            // The dataset publishes periods ahead of time (STEO's forecasts); otherwise a row after the period that
            // holds now is refused into quarantine (not history: a typo'd 9999-12-31 would freeze freshness).
            @DefaultValue("false") boolean futurePeriods) {}

    /** A duration as a user writes it: {@code 15m}, {@code -5s}, {@code 0s}, {@code 1h30m}. */
    static String text(Duration duration) {
        return duration.isZero() ? "0s" : duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /** A dataset's own schedule; what it leaves out comes from pipeline.schedule. Checked by DatasetCatalog. */
    public record DatasetSchedule(String cron, String timeZone) {}

    /** Value checks; a row that fails one is quarantined with the reason. */
    public record Checks(
            @DefaultValue List<String> nonNegative,
            // field -> the field it may not exceed by more than rounding (0.5 or 0.1 %), e.g. outage: capacity
            @DefaultValue Map<String, String> atMost) {}
}
