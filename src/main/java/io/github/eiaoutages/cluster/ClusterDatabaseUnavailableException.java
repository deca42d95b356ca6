package io.github.eiaoutages.cluster;

import io.github.eiaoutages.problem.ApiException;

/**
 * Clustered mode cannot start a run while PostgreSQL does not answer: the lease that keeps runs apart lives there.
 * Answered as 503; the API keeps serving the snapshot it has, and a scheduled fire is logged as failed.
 */
public class ClusterDatabaseUnavailableException extends ApiException {

    public ClusterDatabaseUnavailableException(Throwable cause) {
        super(
                503,
                "Cluster database unavailable",
                "PostgreSQL (spring.datasource.url), which holds the cluster's run lease and run records, did not "
                        + "answer (" + firstLine(cause) + "); no run can start and runs cannot be listed until it is "
                        + "back; the data endpoints keep answering");
        initCause(cause);
    }

    private static String firstLine(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return io.github.eiaoutages.security.SecretMasking.mask(
                message.lines().findFirst().orElse(message));
    }
}
