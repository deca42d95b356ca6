package io.github.eiaoutages;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * The packaged application killed with SIGKILL while it delivers 150 outage events to a slow webhook, then started
 * again: the webhook ends up with every event, in the history's order, and only the one in flight at the kill twice
 * (with the same id, so the receiver can drop it).
 */
class AlertDeliveryKillIT extends JarProcess {

    private static final WireMockServer WEBHOOK = new WireMockServer(options().dynamicPort());
    private static final int EVENTS = 150;

    @AfterAll
    static void stopWebhook() {
        WEBHOOK.stop();
    }

    @Test
    void a_kill_mid_delivery_loses_nothing_and_repeats_at_most_the_event_in_flight() throws Exception {
        WEBHOOK.start();
        WEBHOOK.stubFor(WireMock.post(urlEqualTo("/hook"))
                .willReturn(aResponse().withStatus(204).withFixedDelay(40)));
        // Build 1: 150 units running (outage 0) - one snapshot.initial. Build 2: each goes out the next day.
        List<Map<String, String>> rows = new ArrayList<>();
        for (int unit = 0; unit < EVENTS; unit++) {
            rows.add(EiaStub.unitRow("2025-01-01", unit, "0"));
        }
        EIA.serveGenerator(rows);
        start();
        assertThat(refresh()).isEqualTo("succeeded");
        for (int unit = 0; unit < EVENTS; unit++) {
            rows.add(EiaStub.unitRow("2025-01-02", unit, "500"));
        }
        EIA.serveGenerator(rows);
        assertThat(refresh()).isEqualTo("succeeded");

        await().atMost(Duration.ofSeconds(60)).until(() -> delivered().size() >= 40);
        app.destroyForcibly();
        app.waitFor();
        int beforeKill = delivered().size();
        assertThat(beforeKill).isLessThan(EVENTS + 1);

        start();
        List<String> history = new ArrayList<>();
        for (JsonNode event : new ObjectMapper()
                .readTree(RestClient.create(base())
                        .get()
                        .uri("/events?limit=1000")
                        .retrieve()
                        .body(String.class))) {
            history.add(event.get("id").asText());
        }
        assertThat(history).hasSize(EVENTS + 1);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> new java.util.HashSet<>(delivered()).size() == history.size());

        List<String> delivered = delivered();
        Map<String, Integer> times = new HashMap<>();
        delivered.forEach(id -> times.merge(id, 1, Integer::sum));
        assertThat(times.values().stream().filter(n -> n > 1).count())
                .as("events delivered twice (only the one in flight at the kill may be)")
                .isLessThanOrEqualTo(1);
        assertThat(times.values()).allMatch(n -> n <= 2);
        assertThat(new ArrayList<>(
                        new LinkedHashMap<String, Boolean>() {
                            {
                                delivered.forEach(id -> putIfAbsent(id, true));
                            }
                        }.keySet()))
                .as("first deliveries in the history's order")
                .containsExactlyElementsOf(history);
        System.out.println("AlertDeliveryKillIT: " + beforeKill + " of " + history.size()
                + " events delivered before SIGKILL; " + (delivered.size() - history.size()) + " delivered twice");
    }

    private static List<String> delivered() {
        List<String> ids = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (var request : WEBHOOK.findAll(postRequestedFor(urlEqualTo("/hook")))) {
            try {
                ids.add(json.readTree(request.getBodyAsString()).get("id").asText());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return ids;
    }

    private String refresh() {
        return (String) RestClient.create(base())
                .post()
                .uri("/refresh?wait=true")
                .retrieve()
                .body(Map.class)
                .get("status");
    }

    private void start() throws Exception {
        start(List.of(
                "--pipeline.eia.api-key=alerts-kill-test-key",
                "--pipeline.alerts.max-events-per-build=1000",
                "--pipeline.alerts.retry.base-delay=100ms"));
    }

    @Override
    Map<String, String> environment() {
        return Map.of(
                "ALERTS_WEBHOOK_URL", WEBHOOK.baseUrl() + "/hook", "ALERTS_WEBHOOK_SECRET", "kill-test-webhook-secret");
    }
}
