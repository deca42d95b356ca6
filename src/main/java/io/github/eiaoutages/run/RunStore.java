package io.github.eiaoutages.run;

import java.util.List;
import java.util.Map;

/**
 * Where run records are kept, so {@code GET /runs} knows runs after a restart: files under {@code data/runs/}
 * ({@link FileRunStore}, one instance) or PostgreSQL (clustered mode, shared by every instance). Records are the
 * JSON of {@link RunRecord} (snake_case fields).
 */
public interface RunStore {

    /** Writes the run's record as it is now (opened, progress, committed, ended). Never throws: logs instead. */
    void save(RunRecord run);

    /** The newest {@code limit} records, newest first, as JSON maps. */
    List<Map<String, Object>> load(int limit);

    /** One record by run id, as saved; empty when none is kept. */
    default java.util.Optional<Map<String, Object>> find(String runId) {
        return load(200).stream().filter(run -> runId.equals(run.get("run_id"))).findFirst();
    }

    /**
     * True when other processes write records too (clustered mode): {@link RunRegistry} then reads them at every
     * request instead of once at startup.
     */
    default boolean shared() {
        return false;
    }
}
