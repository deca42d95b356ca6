package io.github.eiaoutages;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.eiaoutages.sample.EiaApiEmulator;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock EIA API v2 that answers like the real service (through the same {@link EiaApiEmulator} as the bundled
 * sample): start/end windows in each route's period format, facets, sort, offset/length, string values, inflated
 * totals, the warning on an empty page past the end, metadata and facet lists. Tests add faults (5xx, 429 + Retry-After, resets, delays, bad bodies) as WireMock
 * stubs of higher priority.
 */
public final class EiaStub implements AutoCloseable, AfterAllCallback {

    public static final String GENERATOR = "nuclear-outages/generator-nuclear-outages";
    public static final String GENERATOR_PATH = "/v2/" + GENERATOR + "/data/";
    public static final String FACILITY = "nuclear-outages/facility-nuclear-outages";
    public static final String NATIONAL = "nuclear-outages/us-nuclear-outages";
    private static final Map<String, String> OUTAGE_UNITS =
            Map.of("capacity", "megawatts", "outage", "megawatts", "percentOutage", "percent");

    private final Map<String, EiaApiEmulator.Route> routes = new ConcurrentHashMap<>();
    private final WireMockServer server;
    private volatile int delayMillis;
    private final RequestAllowance allowance = new RequestAllowance(Integer.MAX_VALUE);
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public EiaStub() {
        server = new WireMockServer(options().dynamicPort().extensions(new Emulation()));
        server.start();
        reset();
        // The datasets of application.yaml answer (with no rows) unless a test serves them.
        serveGenerator(List.of());
    }

    public WireMockServer server() {
        return server;
    }

    /** What {@code pipeline.eia.base-url} should be. */
    public String baseUrl() {
        return server.baseUrl() + "/v2";
    }

    /** Forgets faults and recorded requests; the routes' rows stay. */
    public void reset() {
        maxInFlight.set(0);
        allowance.allow(Integer.MAX_VALUE);
        refused.set(0);
        server.resetAll();
        // Data, metadata (/v2/<route>/) and facet (/v2/<route>/facet/<id>/) requests all go to the emulator.
        server.stubFor(get(urlPathMatching("/v2/.+"))
                .atPriority(10)
                .willReturn(aResponse().withTransformers(Emulation.NAME)));
    }

    /** Every answer waits this long first, like the real API under load. */
    public void delay(int millis) {
        this.delayMillis = millis;
    }

    /**
     * Like a gateway that allows fewer requests than the client sends: beyond {@code requests} within a second, it
     * answers 429 with {@code Retry-After: 1} (0 refuses every request).
     */
    public void allowPerSecond(int requests) {
        allowance.allow(requests);
    }

    /** How many requests to EIA's API ({@code /v2/...}: data, metadata, any dataset) reached it since the last reset. */
    public long requests() {
        return server.countRequestsMatching(
                        getRequestedFor(urlPathMatching("/v2/.*")).build())
                .getCount();
    }

    /** How many requests for generator data pages ({@link #GENERATOR_PATH}) reached the stub since the last reset. */
    public long generatorRequests() {
        return server.countRequestsMatching(
                        getRequestedFor(urlPathEqualTo(GENERATOR_PATH)).build())
                .getCount();
    }

    /** How many requests were answered 429 since the last reset. */
    public int refusedRequests() {
        return refused.get();
    }

    /** The most requests the stub was answering at the same moment since the last reset. */
    /** Requests being answered right now (delayed ones included). */
    public int requestsInFlight() {
        return inFlight.get();
    }

    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    public void serveGenerator(List<Map<String, String>> rows) {
        serveGenerator(rows, LongUnaryOperator.identity());
    }

    /**
     * Serves generator rows, reporting {@code total} as {@code reportedTotal} of the true count; the facility and
     * national routes serve what EIA derives from them (sums of the generators' valid rows), so every dataset of
     * application.yaml has rows and the model's totals checks agree.
     */
    public void serveGenerator(List<Map<String, String>> rows, LongUnaryOperator reportedTotal) {
        serve(new EiaApiEmulator.Route(
                        GENERATOR, List.of("period", "facility", "facilityName", "generator"), OUTAGE_UNITS, rows)
                .withTotal(rows, reportedTotal));
        serve(new EiaApiEmulator.Route(
                FACILITY,
                List.of("period", "facility", "facilityName"),
                OUTAGE_UNITS,
                sums(rows, List.of("period", "facility", "facilityName"))));
        serve(new EiaApiEmulator.Route(NATIONAL, List.of("period"), OUTAGE_UNITS, sums(rows, List.of("period"))));
    }

    /** Capacity and outage summed over the rows that share {@code by}, percent from the sums, as EIA does. */
    private static List<Map<String, String>> sums(List<Map<String, String>> rows, List<String> by) {
        Map<List<String>, double[]> totals = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
        for (Map<String, String> row : rows) {
            double[] values = valid(row);
            if (values != null) {
                double[] sum = totals.computeIfAbsent(by.stream().map(row::get).toList(), k -> new double[2]);
                sum[0] += values[0];
                sum[1] += values[1];
            }
        }
        List<Map<String, String>> derived = new ArrayList<>();
        totals.forEach((key, sum) -> {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < by.size(); i++) {
                row.put(by.get(i), key.get(i));
            }
            row.put("capacity", decimal(sum[0]));
            row.put("outage", decimal(sum[1]));
            row.put("percentOutage", sum[0] == 0 ? "0" : decimal(sum[1] / sum[0] * 100));
            derived.add(row);
        });
        return derived;
    }

    /** Capacity and outage of a row the pipeline would store, or null (the generator row is quarantined). */
    private static double[] valid(Map<String, String> row) {
        try {
            if (row.get("period") == null || row.get("facility") == null || row.get("generator") == null) {
                return null;
            }
            java.time.LocalDate.parse(row.get("period"));
            double capacity = Double.parseDouble(row.get("capacity"));
            double outage = row.get("outage") == null ? 0 : Double.parseDouble(row.get("outage"));
            return capacity < 0 || outage < 0 || outage > capacity + 0.5 ? null : new double[] {capacity, outage};
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String decimal(double value) {
        return java.math.BigDecimal.valueOf(value)
                .setScale(3, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    public void serve(EiaApiEmulator.Route route) {
        routes.put(route.name(), route);
    }

    /** The served route reports {@code total} as {@code reportedTotal} of its true count (the facility route's quirk). */
    public void reportTotal(String route, LongUnaryOperator reportedTotal) {
        routes.computeIfPresent(route, (name, served) -> served.withTotal(served.rows(), reportedTotal));
    }

    /** {@code count} generator rows of plant 46 (three units) on consecutive days from {@code first}. */
    public static List<Map<String, String>> generatorRows(int count, LocalDate first) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("period", first.plusDays(i / 3).toString());
            row.put("facility", "46");
            row.put("facilityName", "Browns Ferry");
            row.put("generator", Integer.toString(i % 3 + 1));
            row.put("capacity", "1254.8");
            row.put("outage", i % 4 == 0 ? "627.4" : "0");
            row.put("percentOutage", i % 4 == 0 ? "50" : "0");
            rows.add(row);
        }
        return rows;
    }

    /**
     * One day of unit {@code U<unit>} of plant 46 (capacity 1000 MW), out by {@code outage} MW: many units make one
     * build with many outage events.
     */
    public static Map<String, String> unitRow(String day, int unit, String outage) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("period", day);
        row.put("facility", "46");
        row.put("facilityName", "Browns Ferry");
        row.put("generator", "U" + unit);
        row.put("capacity", "1000");
        row.put("outage", outage);
        row.put("percentOutage", outage.equals("0") ? "0" : "50");
        return row;
    }

    /** A copy of {@code row} with one value changed: what EIA sends when it revises a day. */
    public static Map<String, String> revised(Map<String, String> row, String field, String value) {
        Map<String, String> copy = new LinkedHashMap<>(row);
        copy.put(field, value);
        return copy;
    }

    /** As a JUnit extension ({@code @RegisterExtension static final EiaStub EIA}), the stub stops after its class. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Emulation implements ResponseDefinitionTransformerV2 {
        static final String NAME = "eia-emulator";
        private final EiaApiEmulator emulator = new EiaApiEmulator(new ObjectMapper());

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            if (!allowance.admit()) {
                refused.incrementAndGet();
                return aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"Too many requests\",\"code\":429}")
                        .build();
            }
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                return answer(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        private ResponseDefinition answer(ServeEvent event) {
            URI uri = URI.create(event.getRequest().getUrl());
            EiaApiEmulator.Answer answer =
                    emulator.answer(routes, uri.getPath().substring("/v2/".length()), query(uri));
            return aResponse()
                    .withStatus(answer.status())
                    .withHeader("Content-Type", "application/json")
                    .withBody(answer.body())
                    .build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }

        private static Map<String, List<String>> query(URI uri) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            String raw = uri.getRawQuery();
            if (raw == null) {
                return params;
            }
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
            return params;
        }
    }
}
