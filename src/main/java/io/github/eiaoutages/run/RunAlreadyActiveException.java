package io.github.eiaoutages.run;

/** Only one run at a time: two runs would race for the same staging folders and idempotency keys. */
public class RunAlreadyActiveException extends RuntimeException {

    private final String activeRunId;

    public RunAlreadyActiveException(String activeRunId) {
        super("Run " + activeRunId + " is still active; wait for it to finish (GET /runs/" + activeRunId + ")");
        this.activeRunId = activeRunId;
    }

    public String activeRunId() {
        return activeRunId;
    }
}
