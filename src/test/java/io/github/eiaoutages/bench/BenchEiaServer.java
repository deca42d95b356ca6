package io.github.eiaoutages.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process EIA generator route for benchmarks: {@code generators} units every day from {@code firstDay} for
 * {@code days} days, rows computed from their index (nothing held in memory), pages streamed as EIA-shaped JSON
 * with string values. Honours start/end (days), offset and length; the rows are in period, facility, generator
 * order, the order the pipeline asks for. Other routes answer an empty page.
 */
final class BenchEiaServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "bench-eia");
        t.setDaemon(true);
        return t;
    });
    private final int generators;
    private final LocalDate firstDay;
    private final int days;
    private final int latencyMillis;
    private final JsonFactory json = new JsonFactory();

    BenchEiaServer(int generators, LocalDate firstDay, int days, int latencyMillis) throws IOException {
        this.generators = generators;
        this.firstDay = firstDay;
        this.days = days;
        this.latencyMillis = latencyMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/v2/", this::answer);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2";
    }

    long rows() {
        return (long) generators * days;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            if (latencyMillis > 0) {
                Thread.sleep(latencyMillis);
            }
            URI uri = exchange.getRequestURI();
            Map<String, String> q = query(uri.getRawQuery());
            boolean generatorRoute = uri.getPath().contains("generator-nuclear-outages");
            long from = 0;
            long to = generatorRoute ? rows() : 0;
            if (q.containsKey("start")) {
                from = Math.max(from, dayIndex(q.get("start")) * generators);
            }
            if (q.containsKey("end")) {
                to = Math.min(to, (dayIndex(q.get("end")) + 1) * generators);
            }
            long offset = Long.parseLong(q.getOrDefault("offset", "0"));
            int length = Math.min(5000, Integer.parseInt(q.getOrDefault("length", "5000")));
            long first = from + offset;
            long last = Math.min(to, first + length);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody();
                    JsonGenerator g = json.createGenerator(out)) {
                g.writeStartObject();
                g.writeObjectFieldStart("response");
                g.writeStringField("total", Long.toString(Math.max(0, to - from)));
                g.writeStringField("dateFormat", "YYYY-MM-DD");
                g.writeStringField("frequency", "daily");
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

    private void writeRow(JsonGenerator g, long index) throws IOException {
        int day = (int) (index / generators);
        int unit = (int) (index % generators);
        int facility = 1000 + unit / 3;
        double capacity = 800 + (unit * 37 % 500) + 0.5;
        boolean out = (day + unit * 7) % 61 < 4;
        g.writeStartObject();
        g.writeStringField("period", firstDay.plusDays(day).toString());
        g.writeStringField("facility", Integer.toString(facility));
        g.writeStringField("facilityName", "Plant " + facility);
        g.writeStringField("generator", Integer.toString(unit % 3 + 1));
        g.writeStringField("capacity", Double.toString(capacity));
        g.writeStringField("outage", out ? Double.toString(capacity) : "0");
        g.writeStringField("percentOutage", out ? "100" : "0");
        g.writeStringField("capacity-units", "megawatts");
        g.writeStringField("outage-units", "megawatts");
        g.writeStringField("percentOutage-units", "percent");
        g.writeEndObject();
    }

    private long dayIndex(String period) {
        long index = LocalDate.parse(period.substring(0, 10)).toEpochDay() - firstDay.toEpochDay();
        return Math.max(0, Math.min(days, index));
    }

    static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
