package io.github.eiaoutages.alerts;

import io.github.eiaoutages.problem.ApiException;
import java.time.Duration;
import java.util.Map;

/** {@code GET /events?since=} names an event that is not in the history: older than the retention, or unknown. */
public class EventExpiredException extends ApiException {

    private final String since;

    public EventExpiredException(String since, Duration retention) {
        super(
                410,
                "Event no longer kept",
                "Event " + since + " is older than the oldest event kept (events are kept for "
                        + "pipeline.alerts.retention, " + text(retention)
                        + "); start again without since= to read from the oldest kept");
        this.since = since;
    }

    /** 90d, 2h, 2m: how application.yaml writes it. */
    private static String text(Duration retention) {
        return retention.toHours() % 24 == 0 && retention.toDays() > 0
                ? retention.toDays() + "d"
                : retention.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("since", since);
    }
}
