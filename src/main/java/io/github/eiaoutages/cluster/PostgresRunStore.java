package io.github.eiaoutages.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.run.RunRecord;
import io.github.eiaoutages.run.RunReport;
import io.github.eiaoutages.run.RunStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Run records in PostgreSQL (table {@code pipeline_runs}, clustered mode), so {@code GET /runs} on any instance shows
 * every instance's runs with their {@code instance} and, for an active run, its progress (saved by the lease's
 * renewals). A record that has ended is never rewritten: a late writer (an instance taken over) cannot turn an
 * {@code interrupted} run back into a running one.
 */
public class PostgresRunStore implements RunStore {

    private static final Logger log = LoggerFactory.getLogger(PostgresRunStore.class);

    private final ClusterDatabase database;
    private final ObjectMapper json;

    PostgresRunStore(ClusterDatabase database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    @Override
    public void save(RunRecord run) {
        try {
            database.jdbc()
                    .update(
                            ClusterSql.get("run_save"),
                            run.getRunId(),
                            run.getInstance(),
                            run.getStatus(),
                            json.writeValueAsString(run));
        } catch (JsonProcessingException | DataAccessException e) {
            // The run itself goes on; only its history entry is behind.
            log.warn("Could not save the record of run {} in PostgreSQL: {}", run.getRunId(), e.getMessage());
        }
    }

    @Override
    public List<RunReport> load(int limit) {
        try {
            List<RunReport> runs = new ArrayList<>();
            for (String record : database.jdbc().queryForList(ClusterSql.get("runs_newest"), String.class, limit)) {
                runs.add(json.readValue(record, RunReport.class));
            }
            return runs;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A run record in PostgreSQL cannot be read: " + e.getOriginalMessage(), e);
        } catch (DataAccessException e) {
            // Not an empty list: "no runs" would be a wrong answer. GET /runs answers 503 saying why.
            throw new ClusterDatabaseUnavailableException(e);
        }
    }

    @Override
    public java.util.Optional<RunReport> find(String runId) {
        try {
            String record = record(runId);
            return record == null
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(json.readValue(record, RunReport.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "The record of run " + runId + " in PostgreSQL cannot be read: " + e.getOriginalMessage(), e);
        } catch (DataAccessException e) {
            // Not "no such run" (404): the run may well exist. GET /runs/{id} answers 503 saying why.
            throw new ClusterDatabaseUnavailableException(e);
        }
    }

    /** One record as JSON text, or null when there is none (the lease's take-over rewrites it). */
    String record(String runId) {
        List<String> found = database.jdbc().queryForList(ClusterSql.get("run_record"), String.class, runId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Writes a record given as JSON (a taken-over run, closed as interrupted); ended records stay as they are. */
    void saveJson(String runId, String instance, String status, String record) {
        database.jdbc().update(ClusterSql.get("run_save"), runId, instance, status, record);
    }

    @Override
    public boolean shared() {
        return true;
    }
}
