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
                "Event " + since + " is not in the history (events are kept for pipeline.alerts.retention, "
                        + retention.toDays() + " days); start again without since= to read from the oldest kept");
        this.since = since;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("since", since);
    }
}
