package io.github.eiaoutages.alerts;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code alerts}: per enabled sink UP or DOWN (failing now, with the last error),
 * the events it has not acknowledged yet and the age of the oldest in seconds. DOWN while any sink fails; not part
 * of readiness (a receiver being down is worth an alert, not taking the API out of service). UNKNOWN with no sink.
 */
@Component("alerts")
public class AlertsHealthIndicator extends AbstractHealthIndicator {

    private final AlertDelivery delivery;

    public AlertsHealthIndicator(AlertDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (delivery.sinks().isEmpty()) {
            builder.unknown()
                    .withDetail("sinks", "none enabled (pipeline.alerts.webhook.url, .file.path, .mqtt.broker-url)");
            return;
        }
        boolean up = true;
        for (AlertDelivery.SinkStatus sink : delivery.status()) {
            java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("status", sink.up() ? "UP" : "DOWN");
            if (sink.standby()) {
                // Clustered mode: another instance delivers; this one takes over when it ends.
                details.put("delivering", "another instance");
            }
            details.put("pending", sink.pending());
            if (sink.oldestPendingSeconds() != null) {
                details.put("oldest_pending_seconds", sink.oldestPendingSeconds());
            }
            if (sink.lastError() != null) {
                details.put("error", sink.lastError());
            }
            builder.withDetail(sink.sink(), details);
            up &= sink.up();
        }
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
