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
     * Events after {@code since} (from the oldest kept without it), at most {@code limit} (1 to 1000, default 100);
     * or with {@code latest} (1 to 1000) the newest that many, oldest first (the dashboard's start).
     *
     * @throws BadParameterException for a limit out of range or a since longer than an event id can be
     * @throws io.github.eiaoutages.alerts.EventExpiredException (410) when since is not in the history
     */
    public List<OutageEvent> list(Map<String, Object> headers) {
        RequestParameters params = new RequestParameters(headers);
        String since = params.text("since", 200);
        Integer latest = params.optionalInteger("latest", 1, 1000);
        if (latest != null) {
            if (since != null && !since.isBlank()) {
                throw new BadParameterException("latest", "cannot be combined with since (one says where to start)");
            }
            return events.latest(latest);
        }
        return events.after(since == null || since.isBlank() ? null : since, params.integer("limit", 1, 1000, 100));
    }
}
