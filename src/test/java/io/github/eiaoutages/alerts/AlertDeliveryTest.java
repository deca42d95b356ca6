package io.github.eiaoutages.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.PipelineProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AlertDelivery's bulk rule at the seam (a Camel route standing in for the webhook): a sink part-way through a build
 * that counts as bulk (max-events-per-build lowered between two starts) gets one snapshot.bulk-change for the rest,
 * never silence (found by the trial of issue 18: 46 events lost without a trace).
 */
class AlertDeliveryTest {

    @TempDir
    Path work;

    @Test
    void a_sink_part_way_through_a_bulk_build_gets_one_bulk_change_for_the_rest() throws Exception {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        PipelineProperties properties = withAlerts(TestSettings.properties(work), 20);
        EventLog log = new EventLog(properties, json);
        List<String> ids = publish(log, "20261130T000000000Z", 60);
        SinkProgress progress = new SinkProgress(properties);
        progress.delivered("webhook", ids.get(13)); // 14 delivered one by one before the restart
        List<String> received = new CopyOnWriteArrayList<>();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:alert-webhook")
                            .routeId("alert-webhook")
                            .process(e -> received.add(json.readTree(e.getIn().getBody(byte[].class))
                                    .get("id")
                                    .asText()));
                }
            });
            camel.start();
            AlertDelivery delivery =
                    new AlertDelivery(log, progress, json, camel, new SimpleMeterRegistry(), properties);
            delivery.start();
            try {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> progress.delivered("webhook").orElse("").equals(ids.get(59)));
            } finally {
                delivery.stop();
            }
        }
        assertThat(received).containsExactly("20261130T000000000Z/snapshot.bulk-change");
    }

    private List<String> publish(EventLog log, String snapshot, int events) throws Exception {
        Path dir = Files.createDirectories(work.resolve("modeled/snapshots/" + snapshot));
        List<OutageEvent> list = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            list.add(OutageEvent.of(
                    snapshot,
                    "/eia-outage-pipeline/generator-nuclear-outages",
                    Instant.parse("2026-11-30T00:00:00Z"),
                    OutageEvent.ENDED,
                    new OutageEvent.Data(
                            snapshot,
                            "46-U" + i + "-20250101",
                            "46",
                            "U" + i,
                            "Browns Ferry",
                            "Browns Ferry Unit U" + i,
                            null,
                            null,
                            1,
                            500.0,
                            500.0,
                            12000.0,
                            1000.0,
                            false,
                            true,
                            null,
                            null,
                            null,
                            null)));
        }
        log.stage(dir, list);
        log.published(snapshot, dir);
        return list.stream().map(OutageEvent::id).toList();
    }

    private static PipelineProperties withAlerts(PipelineProperties p, int maxEventsPerBuild) {
        PipelineProperties.Alerts a = p.alerts();
        return new PipelineProperties(
                p.mode(),
                p.runOnStartup(),
                p.schedule(),
                p.eia(),
                p.storage(),
                p.model(),
                p.shutdown(),
                p.api(),
                p.cluster(),
                new PipelineProperties.Alerts(
                        a.revisionTolerance(),
                        maxEventsPerBuild,
                        a.retention(),
                        new PipelineProperties.Webhook(
                                "http://127.0.0.1:9/hook",
                                "delivery-test-secret",
                                a.webhook().filter()),
                        a.file(),
                        a.mqtt(),
                        a.retry()),
                p.datasets());
    }
}
