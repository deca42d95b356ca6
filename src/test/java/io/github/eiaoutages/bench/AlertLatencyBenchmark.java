package io.github.eiaoutages.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.eiaoutages.EiaStub;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outage alerts end to end: the packaged application publishes a model build with 1,000 outage events (1,000 units
 * going out on the same day), and a webhook on localhost (the JDK's HTTP server, answering 204) records when each
 * event arrives. Prints p50, p99 and max of arrival minus the event's {@code time} (when its build began, so the
 * figure includes the rest of the build and the publication) and the whole delivery's rate. Target: p99 <= 5 s.
 * Run by the bench profile; needs target/*.jar.
 */
public final class AlertLatencyBenchmark {

    private static final int EVENTS = 1000;

    private AlertLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        ObjectMapper json = new ObjectMapper();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            long now = System.currentTimeMillis();
            JsonNode event = json.readTree(exchange.getRequestBody().readAllBytes());
            arrived.putIfAbsent(event.get("id").asText(), now);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        Path work = Files.createTempDirectory("alert-bench-");
        Process app = null;
        try (EiaStub eia = new EiaStub()) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (int unit = 0; unit < EVENTS; unit++) {
                rows.add(EiaStub.unitRow("2025-01-01", unit, "0"));
            }
            eia.serveGenerator(rows);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(
                            "java",
                            "-Xmx512m",
                            "-jar",
                            Path.of("target", "eia-outage-pipeline.jar")
                                    .toAbsolutePath()
                                    .toString(),
                            "--server.port=" + port,
                            "--pipeline.run-on-startup=false",
                            "--pipeline.schedule.enabled=false",
                            "--pipeline.eia.api-key=alert-bench-key",
                            "--pipeline.eia.base-url=" + eia.baseUrl(),
                            "--pipeline.eia.requests-per-second=50",
                            "--pipeline.datasets.generator-nuclear-outages.start=2025-01-01",
                            "--pipeline.datasets.facility-nuclear-outages.start=2025-01-01",
                            "--pipeline.datasets.us-nuclear-outages.start=2025-01-01",
                            "--pipeline.alerts.max-events-per-build=" + (EVENTS * 2),
                            "--pipeline.storage.data-dir=" + work.resolve("data"),
                            "--pipeline.storage.modeled-dir=" + work.resolve("modeled"))
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("app.log").toFile());
            builder.environment()
                    .put(
                            "ALERTS_WEBHOOK_URL",
                            "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
            builder.environment().put("ALERTS_WEBHOOK_SECRET", "alert-benchmark-secret");
            app = builder.start();
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            awaitReady(http, base);
            refresh(http, base);
            for (int unit = 0; unit < EVENTS; unit++) {
                rows.add(EiaStub.unitRow("2025-01-02", unit, "500"));
            }
            eia.serveGenerator(rows);
            refresh(http, base);
            JsonNode history = json.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(base + "/events?limit=1000&since="
                                            + json.readTree(get(http, base + "/events?limit=1"))
                                                    .get(0)
                                                    .get("id")
                                                    .asText()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            Map<String, Long> published = new LinkedHashMap<>();
            history.forEach(event -> published.put(
                    event.get("id").asText(),
                    Instant.parse(event.get("time").asText()).toEpochMilli()));
            long deadline = System.currentTimeMillis() + 120_000;
            while (!arrived.keySet().containsAll(published.keySet()) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            long[] latency = published.entrySet().stream()
                    .filter(e -> arrived.containsKey(e.getKey()))
                    .mapToLong(e -> arrived.get(e.getKey()) - e.getValue())
                    .sorted()
                    .toArray();
            long first =
                    published.keySet().stream().mapToLong(arrived::get).min().orElse(0);
            long last =
                    published.keySet().stream().mapToLong(arrived::get).max().orElse(0);
            System.out.printf(
                    "AlertLatencyBenchmark: %d of %d events delivered; publication to webhook 2xx: p50 %d ms, p99 %d ms,"
                            + " max %d ms; %.0f events/s once delivery began%n",
                    latency.length,
                    published.size(),
                    latency[latency.length / 2],
                    latency[(int) Math.ceil(latency.length * 0.99) - 1],
                    latency[latency.length - 1],
                    published.size() * 1000.0 / Math.max(1, last - first));
        } finally {
            if (app != null) {
                app.destroy();
                app.waitFor();
            }
            webhook.stop(0);
        }
    }

    private static void awaitReady(HttpClient http, String base) throws Exception {
        for (int i = 0; i < 600; i++) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the application did not become ready");
    }

    private static void refresh(HttpClient http, String base) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/refresh?wait=true"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("refresh answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
