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

    /** {@code <snapshot id>/<outage id or nothing>/<type>}: what OutageEvent.id is made of. */
    private static final java.util.regex.Pattern EVENT_ID =
            java.util.regex.Pattern.compile("\\d{8}T\\d{9}Z/([^/]+/)?[a-z]+\\.[a-z-]+");

    private final EventLog events;

    public EventsApi(EventLog events) {
        this.events = events;
    }

    /**
     * Events after {@code since} (from the oldest kept without it), at most {@code limit} (1 to 1000, default 100);
     * or with {@code latest} (1 to 1000) the newest that many, oldest first (the dashboard's start).
     *
     * @throws BadParameterException for a limit out of range or a since longer than an event id can be
     * @throws io.github.eiaoutages.alerts.EventExpiredException (410) when since is older than the history
     * @throws io.github.eiaoutages.alerts.UnknownEventException (404) when the history does not hold since
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
        if (since != null && !since.isBlank() && !EVENT_ID.matcher(since).matches()) {
            throw new BadParameterException(
                    "since",
                    "must be an event id as GET /events answers it, e.g. 20261130T061557114Z/46-2-20250104/outage.started");
        }
        return events.after(since == null || since.isBlank() ? null : since, params.integer("limit", 1, 1000, 100));
    }
}
