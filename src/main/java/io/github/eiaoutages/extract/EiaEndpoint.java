package io.github.eiaoutages.extract;

import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.security.SecretMasking;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Where the pipeline reads EIA data from. With {@code EIA_API_KEY} set that is {@code EIA_BASE_URL}; without it,
 * the sample EIA API this application serves itself, so a new user sees the whole pipeline work offline.
 */
@Component("eiaEndpoint")
public class EiaEndpoint {

    /** Path under which {@code sample.SampleEiaApi} answers like {@code https://api.eia.gov/v2}. */
    public static final String SAMPLE_PATH = "/sample-eia/v2";

    private static final int SAMPLE_REQUESTS_PER_SECOND = 1000;
    private static final Logger log = LoggerFactory.getLogger(EiaEndpoint.class);

    private final PipelineProperties.Eia eia;
    private final CompletableFuture<String> sampleBaseUrl = new CompletableFuture<>();

    public EiaEndpoint(PipelineProperties properties) {
        this.eia = properties.eia();
        SecretMasking.register(eia.apiKey());
        if (!eia.sampleMode()) {
            log.info("Reading live EIA data from {} (EIA_API_KEY is set).", trimSlash(eia.baseUrl()));
        }
    }

    @EventListener
    void onWebServerStarted(WebServerInitializedEvent event) {
        if (!eia.sampleMode() || event.getApplicationContext().getServerNamespace() != null) {
            return;
        }
        String url = "http://127.0.0.1:" + event.getWebServer().getPort() + SAMPLE_PATH;
        sampleBaseUrl.complete(url);
        log.warn(
                "SAMPLE DATA IN USE: EIA_API_KEY is not set, so the pipeline reads the bundled sample EIA API at {} "
                        + "(invented outages of real U.S. reactors). To ingest live EIA data, get a free key at "
                        + "https://www.eia.gov/opendata/register.php and start again with EIA_API_KEY=<your key> "
                        + "(and an empty data/ folder).",
                url);
    }

    /**
     * The request-rate ceiling: EIA's, or none to speak of for the sample server, which runs in this process and
     * has no limits to respect.
     */
    public double requestsPerSecond() {
        return eia.sampleMode() ? SAMPLE_REQUESTS_PER_SECOND : eia.requestsPerSecond();
    }

    /** The hourly request ceiling (EIA asks for under 9,000/hour); none to speak of for the sample server. */
    public int requestsPerHour() {
        return eia.sampleMode() ? SAMPLE_REQUESTS_PER_SECOND * 3600 : eia.requestsPerHour();
    }

    public boolean sampleMode() {
        return eia.sampleMode();
    }

    /** The part before the route, e.g. {@code https://api.eia.gov/v2}; never carries the key. */
    public String baseUrl() {
        if (!eia.sampleMode()) {
            return trimSlash(eia.baseUrl());
        }
        try {
            // A run triggered while the web server is still binding waits for the sample server's port.
            return sampleBaseUrl.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "The sample EIA server did not start within 60 s; " + "set EIA_API_KEY to read from "
                            + eia.baseUrl() + " instead",
                    e);
        }
    }

    /** The data URL of a dataset, e.g. {@code …/v2/nuclear-outages/generator-nuclear-outages/data/}. */
    public String dataUrl(DatasetSpec dataset) {
        return baseUrl() + "/" + dataset.route() + "/data/";
    }

    /**
     * A request that could not reach EIA at all (connection refused, unknown host): worth a retry, and if it stays
     * that way the run's error names the setting to check.
     *
     * @throws EiaUnavailableException always
     */
    public void unreachable(Exception cause) {
        String source = eia.sampleMode()
                ? "the bundled sample EIA server at " + baseUrl()
                : "EIA at " + baseUrl() + " (EIA_BASE_URL / pipeline.eia.base-url)";
        throw new EiaUnavailableException(
                "Could not connect to " + source + ": " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " " + SecretMasking.mask(cause.getMessage()))
                        + "; check that setting and the network",
                0);
    }

    /** The key to append to requests, or null in sample mode. Package-private: only the HTTP client sees it. */
    String apiKey() {
        return eia.sampleMode() ? null : eia.apiKey();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
