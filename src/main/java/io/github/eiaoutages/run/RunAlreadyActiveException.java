package io.github.eiaoutages.run;

import io.github.eiaoutages.problem.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Only one run at a time (in clustered mode, one in the whole cluster): two runs would race for the same staging
 * folders and idempotency keys. Answered as 409 naming the active run and, in clustered mode, the instance running
 * it.
 */
public class RunAlreadyActiveException extends ApiException {

    private final String activeRunId;
    private final String activeInstance;
    private final List<String> activeDatasets;

    public RunAlreadyActiveException(String activeRunId) {
        this(activeRunId, null, List.of());
    }

    /**
     * @param activeInstance the instance running it, or null when it is this one (single-instance mode)
     * @param activeDatasets the datasets the active run ingests (a scheduled run of another one waits for it)
     */
    public RunAlreadyActiveException(String activeRunId, String activeInstance, List<String> activeDatasets) {
        super(
                409,
                "A run is already active",
                "Run " + activeRunId + " is still active"
                        + (activeInstance == null ? "" : " on instance " + activeInstance)
                        + "; wait for it to finish (GET /runs/" + activeRunId + ")");
        this.activeRunId = activeRunId;
        this.activeInstance = activeInstance;
        this.activeDatasets = activeDatasets == null ? List.of() : List.copyOf(activeDatasets);
    }

    public String activeRunId() {
        return activeRunId;
    }

    /** The datasets of the active run; empty when not known. */
    public List<String> activeDatasets() {
        return activeDatasets;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("active_run_id", activeRunId);
        if (activeInstance != null) {
            properties.put("active_run_instance", activeInstance);
        }
        return properties;
    }
}
