package io.github.eiaoutages.run;

import io.github.eiaoutages.problem.ApiException;
import java.util.Map;

/** Only one run at a time: two runs would race for the same staging folders and idempotency keys. */
public class RunAlreadyActiveException extends ApiException {

    private final String activeRunId;

    public RunAlreadyActiveException(String activeRunId) {
        super(
                409,
                "A run is already active",
                "Run " + activeRunId + " is still active; wait for it to finish (GET /runs/" + activeRunId + ")");
        this.activeRunId = activeRunId;
    }

    public String activeRunId() {
        return activeRunId;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("active_run_id", activeRunId);
    }
}
