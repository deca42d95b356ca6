package io.github.eiaoutages.raw;

import java.util.Map;

/**
 * What a run committed: the manifest of every dataset that stored rows, and per dataset the identities that came
 * with conflicting values (taken out into quarantine, not committed).
 */
public record RawCommit(Map<String, RunManifest> manifests, Map<String, Conflicts> conflicts) {

    /**
     * @param keys identities that came two or more times in the run with different values
     * @param rows the rows of those identities, all quarantined
     */
    public record Conflicts(long keys, long rows) {}
}
