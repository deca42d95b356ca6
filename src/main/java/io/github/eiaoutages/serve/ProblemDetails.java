package io.github.eiaoutages.serve;

import io.github.eiaoutages.model.NoModelYetException;
import io.github.eiaoutages.model.SnapshotUnreadableException;
import io.github.eiaoutages.run.ApplicationStoppingException;
import io.github.eiaoutages.run.RunAlreadyActiveException;
import io.github.eiaoutages.run.UnknownRunException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a failed API request into an RFC 9457 problem body with a detail that says what to change. Anything
 * unexpected becomes a 500 whose detail carries only an id to find the logged cause, never internals.
 */
@Component("problems")
public class ProblemDetails {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

    public int status(Throwable thrown) {
        Throwable error = meaningful(thrown);
        if (error instanceof BadParameterException) {
            return 400;
        }
        if (error instanceof UnknownRunException) {
            return 404;
        }
        if (error instanceof RunAlreadyActiveException) {
            return 409;
        }
        if (error instanceof NoModelYetException || error instanceof ApplicationStoppingException
                || error instanceof SnapshotUnreadableException) {
            return 503;
        }
        return 500;
    }

    public Map<String, Object> body(Throwable thrown) {
        Throwable error = meaningful(thrown);
        int status = status(error);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", switch (status) {
            case 400 -> "Bad parameter";
            case 404 -> "Not found";
            case 409 -> "A run is already active";
            case 503 -> error instanceof ApplicationStoppingException ? "Stopping"
                    : error instanceof SnapshotUnreadableException ? "Model unreadable" : "No model yet";
            default -> "Internal error";
        });
        problem.put("status", status);
        if (status == 500) {
            String incident = UUID.randomUUID().toString();
            log.error("Request failed (incident {})", incident, thrown);
            problem.put("detail", "The request failed unexpectedly; the server log has the cause under incident " + incident);
        } else {
            problem.put("detail", error.getMessage());
        }
        if (error instanceof BadParameterException bad) {
            problem.put("parameter", bad.parameter());
        }
        if (error instanceof RunAlreadyActiveException active) {
            problem.put("active_run_id", active.activeRunId());
        }
        return problem;
    }

    /** Camel wraps what a bean threw (bean expressions, splits); the API answers for the exception inside. */
    private static Throwable meaningful(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BadParameterException || t instanceof UnknownRunException
                    || t instanceof RunAlreadyActiveException || t instanceof NoModelYetException
                    || t instanceof ApplicationStoppingException || t instanceof SnapshotUnreadableException) {
                return t;
            }
        }
        return thrown;
    }
}
