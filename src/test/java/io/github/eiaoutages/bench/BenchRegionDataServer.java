package io.github.eiaoutages.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.eiaoutages.RequestAllowance;
import io.github.eiaoutages.period.Frequency;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process EIA-930 {@code electricity/rto/region-data} route for benchmarks: 5 balancing authorities x 4 series
 * every UTC hour from {@code firstHour} for {@code hours} hours, rows computed from their index (nothing held in
 * memory), {@code latencyMillis} per answer like a loaded EIA, and optionally a gateway that allows only
 * {@code allowedPerSecond} requests a second (429 with Retry-After beyond). Honours start/end (hours), offset and
 * length in period, respondent, type order; metadata and facet requests answer with the route's metadata.
 */
final class BenchRegionDataServer implements AutoCloseable {

    static final List<String> RESPONDENTS = List.of("CISO", "ERCO", "MISO", "PJM", "SWPP");
    static final List<String> TYPES = List.of("D", "DF", "NG", "TI");
    private final List<String> respondents;
    private final int series;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "bench-eia-930");
        t.setDaemon(true);
        return t;
    });
    private final long firstHour;
    private final int hours;
    private final int latencyMillis;
    private final RequestAllowance allowance;
    private final AtomicInteger pages = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final JsonFactory json = new JsonFactory();

    BenchRegionDataServer(Instant firstHour, int hours, int latencyMillis, int allowedPerSecond) throws IOException {
        this(firstHour, hours, latencyMillis, allowedPerSecond, RESPONDENTS);
    }

    /** The same with other balancing authorities ({@code respondents}), each with the 4 series. */
    BenchRegionDataServer(
            Instant firstHour, int hours, int latencyMillis, int allowedPerSecond, List<String> respondents)
            throws IOException {
        this.respondents = respondents;
        this.series = respondents.size() * TYPES.size();
        this.firstHour = firstHour.getEpochSecond() / 3600;
        this.hours = hours;
        this.latencyMillis = latencyMillis;
        this.allowance = new RequestAllowance(allowedPerSecond);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/v2/", this::answer);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2";
    }

    long rows() {
        return (long) hours * series;
    }

    /** Data pages answered (not refused). */
    int pages() {
        return pages.get();
    }

    int refused() {
        return refused.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            if (!allowance.admit()) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(429, -1);
                return;
            }
            URI uri = exchange.getRequestURI();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (!uri.getPath().replaceAll("/+$", "").endsWith("/data")) {
                byte[] metadata = metadata(uri.getPath()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, metadata.length);
                exchange.getResponseBody().write(metadata);
                return;
            }
            Thread.sleep(latencyMillis);
            Map<String, String> q = BenchEiaServer.query(uri.getRawQuery());
            long from = q.containsKey("start") ? hourIndex(q.get("start")) * series : 0;
            long to = q.containsKey("end") ? (hourIndex(q.get("end")) + 1) * series : rows();
            long offset = Long.parseLong(q.getOrDefault("offset", "0"));
            int length = Math.min(5000, Integer.parseInt(q.getOrDefault("length", "5000")));
            long first = from + offset;
            long last = Math.min(to, first + length);
            pages.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody();
                    JsonGenerator g = json.createGenerator(out)) {
                g.writeStartObject();
                g.writeObjectFieldStart("response");
                g.writeStringField("total", Long.toString(Math.max(0, to - from)));
                g.writeStringField("dateFormat", Frequency.HOURLY.eiaFormat());
                g.writeStringField("frequency", "hourly");
                g.writeArrayFieldStart("data");
                for (long i = first; i < last; i++) {
                    writeRow(g, i);
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
        } finally {
            exchange.close();
        }
    }

    private String metadata(String path) {
        if (path.contains("/facet/respondent")) {
            return "{\"response\":{\"facets\":["
                    + String.join(
                            ",",
                            respondents.stream()
                                    .map(r -> "{\"id\":\"" + r + "\"}")
                                    .toList()) + "]}}";
        }
        return "{\"response\":{\"frequency\":[{\"id\":\"hourly\"}],\"facets\":[{\"id\":\"respondent\"},{\"id\":\"type\"}],"
                + "\"data\":{\"value\":{\"units\":\"megawatthours\"}}}}";
    }

    private void writeRow(JsonGenerator g, long index) throws IOException {
        long hour = index / series;
        int seriesIndex = (int) (index % series);
        g.writeStartObject();
        g.writeStringField(
                "period",
                Frequency.HOURLY
                        .fromStored((firstHour + hour) * 3_600_000L, null)
                        .label());
        g.writeStringField("respondent", respondents.get(seriesIndex / TYPES.size()));
        g.writeStringField("respondent-name", respondents.get(seriesIndex / TYPES.size()) + " balancing authority");
        g.writeStringField("type", TYPES.get(seriesIndex % TYPES.size()));
        g.writeStringField("value", Long.toString(20000 + (hour * 31 + seriesIndex * 977) % 9000));
        g.writeStringField("value-units", "megawatthours");
        g.writeEndObject();
    }

    private long hourIndex(String period) {
        long index = Frequency.HOURLY.parse(period).ordinal() - firstHour;
        return Math.max(0, Math.min(hours, index));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
