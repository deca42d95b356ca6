package io.github.eiaoutages.alerts;

import io.github.eiaoutages.problem.ApiException;
import java.util.Map;

/**
 * {@code since=} names no event of the history, though the history still reaches back to its time: a typo, or the
 * id of a {@code snapshot.bulk-change}, which sinks get instead of a build's events and which is not in the history.
 */
public class UnknownEventException extends ApiException {

    private final String since;

    public UnknownEventException(String since) {
        super(
                404,
                "Unknown event",
                "No event " + since + " is in the history; give the id of an event GET /events answered (for a "
                        + "snapshot.bulk-change, the id of the event before its build, or GET /events?latest=<events>)");
        this.since = since;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("since", since);
    }
}
