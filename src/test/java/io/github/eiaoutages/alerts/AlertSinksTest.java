package io.github.eiaoutages.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.OwnLiveAppTest;
import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every sink of routes/alerts.camel.yaml at once against real receivers: a webhook (WireMock) that refuses its first
 * 3 calls, the JSON-lines file, and an MQTT broker in this JVM (Moquette). Two model builds publish events; each sink
 * gets every one of them, once acknowledged, in the history's order; the webhook's signature is valid on every call.
 */
class AlertSinksTest extends OwnLiveAppTest {

    private static final String SECRET = "webhook-secret-for-tests-42";
    private static final WireMockServer WEBHOOK = new WireMockServer(options().dynamicPort());
    private static final Path FILE;
    private static final Server BROKER = new Server();
    private static final int BROKER_PORT;

    static {
        try {
            FILE = Files.createTempDirectory("alerts-file-").resolve("alerts.jsonl");
            try (ServerSocket socket = new ServerSocket(0)) {
                BROKER_PORT = socket.getLocalPort();
            }
            Properties broker = new Properties();
            broker.setProperty(BrokerConstants.HOST_PROPERTY_NAME, "127.0.0.1");
            broker.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(BROKER_PORT));
            broker.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
            // Its own id file goes beside the alerts file, not into ./data of the working folder.
            broker.setProperty(
                    BrokerConstants.DATA_PATH_PROPERTY_NAME, FILE.getParent().toString());
            broker.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
            BROKER.startServer(new MemoryConfig(broker));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        WEBHOOK.start();
    }

    @Override
    protected List<String> settings() {
        return List.of(
                "pipeline.alerts.webhook.url=" + WEBHOOK.baseUrl() + "/hook",
                "pipeline.alerts.webhook.secret=" + SECRET,
                "pipeline.alerts.file.path=" + FILE,
                "pipeline.alerts.mqtt.broker-url=tcp://127.0.0.1:" + BROKER_PORT,
                "pipeline.alerts.mqtt.topic=eia/outages",
                "pipeline.alerts.retry.base-delay=100ms",
                "pipeline.alerts.retry.max-delay=400ms");
    }

    @AfterAll
    static void stopReceivers() {
        WEBHOOK.stop();
        BROKER.stopServer();
    }

    @Test
    void every_sink_gets_every_event_in_order_and_the_webhook_after_refusing_three_calls_with_valid_signatures()
            throws Exception {
        WEBHOOK.stubFor(post(urlEqualTo("/hook"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("refused 1"));
        WEBHOOK.stubFor(post(urlEqualTo("/hook"))
                .inScenario("flaky")
                .whenScenarioStateIs("refused 1")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("refused 2"));
        WEBHOOK.stubFor(post(urlEqualTo("/hook"))
                .inScenario("flaky")
                .whenScenarioStateIs("refused 2")
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("up"));
        WEBHOOK.stubFor(post(urlEqualTo("/hook"))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        List<String> published = new CopyOnWriteArrayList<>();
        MqttClient subscriber =
                new MqttClient("tcp://127.0.0.1:" + BROKER_PORT, "test-subscriber", new MemoryPersistence());
        subscriber.connect();
        subscriber.subscribe("eia/outages", 1, (topic, message) -> published.add(new String(message.getPayload())));

        // Build 1: the first snapshot (snapshot.initial). Build 2: EIA revises days of plant 46 (changes).
        List<Map<String, String>> rows = new ArrayList<>(EiaStub.generatorRows(3 * 40, LocalDate.of(2025, 1, 1)));
        EIA.serveGenerator(rows);
        assertThat(refresh()).isEqualTo("succeeded");
        for (int i = 90; i < 117; i += 3) { // days within the incremental run's look-back
            rows.set(i, EiaStub.revised(EiaStub.revised(rows.get(i), "outage", "900"), "percentOutage", "71.7"));
        }
        EIA.serveGenerator(rows);
        assertThat(refresh()).isEqualTo("succeeded");

        List<String> history = new ArrayList<>();
        for (JsonNode event : json(http.getForObject("/events?limit=1000", String.class))) {
            history.add(event.get("id").asText());
        }
        assertThat(history).hasSizeGreaterThan(2);
        assertThat(history.get(0)).endsWith("/snapshot.initial");

        // The webhook: 3 refusals of the first event, then every event once, in order, each signed.
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted().size() == history.size());
        List<LoggedRequest> calls = WEBHOOK.findAll(postRequestedFor(urlEqualTo("/hook")));
        assertThat(calls).hasSize(history.size() + 3);
        assertThat(calls.subList(0, 4)).extracting(r -> id(r.getBodyAsString())).containsOnly(history.get(0));
        assertThat(accepted()).extracting(r -> id(r.getBodyAsString())).containsExactlyElementsOf(history);
        for (LoggedRequest call : calls) {
            assertThat(call.getHeader("Content-Type")).isEqualTo("application/cloudevents+json");
            assertThat(call.getHeader("X-Signature-256"))
                    .isEqualTo("sha256=" + new HmacUtils(HmacAlgorithms.HMAC_SHA_256, SECRET).hmacHex(call.getBody()));
            assertThat(call.getBodyAsString()).contains("\"specversion\":\"1.0\"");
        }

        // The file: one line per event, in order. The broker: every event, in order.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(FILE) && Files.readAllLines(FILE).size() == history.size());
        assertThat(Files.readAllLines(FILE)).extracting(AlertSinksTest::id).containsExactlyElementsOf(history);
        await().atMost(Duration.ofSeconds(30)).until(() -> published.size() >= history.size());
        assertThat(published).extracting(AlertSinksTest::id).containsExactlyElementsOf(history);
        subscriber.disconnect();
        subscriber.close();

        // Health shows each sink, up and with nothing pending; Prometheus counts the refusals and deliveries.
        Map<?, ?> health = http.getForObject("/actuator/health/alerts", Map.class);
        assertThat(health.get("status")).isEqualTo("UP");
        Map<?, ?> webhook = (Map<?, ?>) ((Map<?, ?>) health.get("details")).get("webhook");
        assertThat(webhook.get("status")).isEqualTo("UP");
        assertThat(webhook.get("pending")).isEqualTo(0);

        // The stream: a client that reconnects with Last-Event-ID gets what it missed, in order, as SSE messages.
        assertThat(streamedAfter(history.get(0), history.size() - 1))
                .containsExactlyElementsOf(history.subList(1, history.size()));

        // POST /events/test reaches every sink at once, filters or not.
        Map<?, ?> test = http.postForObject("/events/test", null, Map.class);
        assertThat(test).isEqualTo(Map.of("webhook", "delivered", "file", "delivered", "mqtt", "delivered"));
    }

    /** Opens GET /events/stream with Last-Event-ID and reads the ids of the first {@code count} events sent. */
    private List<String> streamedAfter(String lastEventId, int count) throws Exception {
        java.net.HttpURLConnection stream = (java.net.HttpURLConnection) java.net
                .URI
                .create(http.getRootUri() + "/events/stream")
                .toURL()
                .openConnection();
        stream.setRequestProperty("Last-Event-ID", lastEventId);
        stream.setReadTimeout(20_000);
        List<String> ids = new ArrayList<>();
        try (java.io.BufferedReader lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(stream.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(stream.getContentType()).startsWith("text/event-stream");
            for (String line = lines.readLine(); line != null && ids.size() < count; line = lines.readLine()) {
                if (line.startsWith("id:")) {
                    ids.add(line.substring(3).strip());
                }
            }
        } finally {
            stream.disconnect();
        }
        return ids;
    }

    private static List<LoggedRequest> accepted() {
        List<LoggedRequest> calls = WEBHOOK.findAll(postRequestedFor(urlEqualTo("/hook")));
        return calls.size() <= 3 ? List.of() : calls.subList(3, calls.size());
    }

    private String refresh() {
        return (String)
                http.postForObject("/refresh?wait=true", null, Map.class).get("status");
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id(String event) {
        return json(event).get("id").asText();
    }
}
