package io.github.eiaoutages.serve;

import io.github.eiaoutages.alerts.EventLog;
import io.github.eiaoutages.alerts.OutageEvent;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code GET /events}: pages of the outage event history (CloudEvents 1.0, oldest first). A client keeps the id of
 * the last event it read and asks again with {@code since=} that id.
 */
@Component("eventsApi")
public class EventsApi {

    private final EventLog events;

    public EventsApi(EventLog events) {
        this.events = events;
    }

    /**
     * Events after {@code since} (from the oldest kept without it), at most {@code limit} (1 to 1000, default 100).
     *
     * @throws BadParameterException for a limit out of range or a since longer than an event id can be
     * @throws io.github.eiaoutages.alerts.EventExpiredException (410) when since is not in the history
     */
    public List<OutageEvent> list(Map<String, Object> headers) {
        RequestParameters params = new RequestParameters(headers);
        String since = params.text("since", 200);
        return events.after(since == null || since.isBlank() ? null : since, params.integer("limit", 1, 1000, 100));
    }
}
