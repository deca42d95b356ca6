package io.github.eiaoutages.serve;

import io.github.eiaoutages.run.RunRecord;
import io.github.eiaoutages.run.RunRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Request handling of {@code POST /refresh} and {@code GET /runs}: parameters in, response bodies out. */
@Component("runsApi")
public class RunsApi {

    private final RunRegistry runs;

    public RunsApi(RunRegistry runs) {
        this.runs = runs;
    }

    /** {@code ?wait=true}: answer when the run has finished instead of at once. */
    public boolean waitRequested(Map<String, Object> headers) {
        return new RequestParameters(headers).flag("wait");
    }

    /** The 202 body: where to follow the run. */
    public Map<String, Object> accepted(String runId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", runId);
        body.put("status", runs.get(runId).getStatus());
        body.put("location", location(runId));
        return body;
    }

    /** 200 for a run that succeeded, 502 for one that failed (EIA or the disk let it down), so scripts can tell. */
    public int finishedStatus(String runId) {
        return "failed".equals(runs.get(runId).getStatus()) ? 502 : 200;
    }

    public String location(String runId) {
        return "/runs/" + runId;
    }

    public RunRecord run(String runId) {
        return runs.get(runId);
    }

    public List<RunRecord> list(Map<String, Object> headers) {
        return runs.recent(new RequestParameters(headers).integer("limit", 1, 200, 20));
    }
}
