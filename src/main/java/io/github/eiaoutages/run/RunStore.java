package io.github.eiaoutages.run;

import java.util.List;

/**
 * Where run records are kept, so {@code GET /runs} knows runs after a restart: files under {@code data/runs/}
 * ({@link FileRunStore}, one instance) or PostgreSQL (clustered mode, shared by every instance). Records are the
 * JSON of a run's {@link RunReport} (snake_case fields), and are read back into one.
 */
public interface RunStore {

    /** Writes the run's record as it is now (opened, progress, committed, ended). Never throws: logs instead. */
    void save(RunRecord run);

    /** The newest {@code limit} records, newest first. Never throws: a record that cannot be read is left out. */
    List<RunReport> load(int limit);

    /** One record by run id, as saved; empty when none is kept. */
    default java.util.Optional<RunReport> find(String runId) {
        return load(200).stream().filter(run -> runId.equals(run.runId())).findFirst();
    }

    /**
     * True when other processes write records too (clustered mode): {@link RunRegistry} then reads them at every
     * request instead of once at startup.
     */
    default boolean shared() {
        return false;
    }
}
