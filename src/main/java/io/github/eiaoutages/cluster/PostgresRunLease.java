package io.github.eiaoutages.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.raw.CommitFence;
import io.github.eiaoutages.raw.RawStore;
import io.github.eiaoutages.run.RunAlreadyActiveException;
import io.github.eiaoutages.run.RunLease;
import io.github.eiaoutages.run.RunRecord;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The cluster's one active run, as a lease row in PostgreSQL ({@code pipeline_run_lease}): run id, instance,
 * datasets, an epoch that grows with every run, and an expiry on the database's clock.
 *
 * <ul>
 *   <li>{@link #acquire}: a run starts only while no other lease is live (409 naming run and instance otherwise).
 *   <li>Renewal every quarter of {@code pipeline.cluster.lease} (at most 5 s), with the run's record (its progress)
 *       saved.
 *   <li>Take-over: every instance checks as often; a lease past its expiry belongs to an instance that was killed,
 *       stopped or cut off. The first instance to see it records that run {@code interrupted}, removes its staging
 *       and frees the lease; the next fire or {@code POST /refresh} fetches the rows again.
 *   <li>Fencing ({@link #confirm}): a run's staging is renamed into place only while the lease still names its
 *       instance and epoch. An instance that resumes after a take-over commits nothing and says why.
 * </ul>
 */
public class PostgresRunLease implements RunLease, CommitFence {

    private static final Logger log = LoggerFactory.getLogger(PostgresRunLease.class);

    private final ClusterDatabase database;
    private final PostgresRunStore runs;
    private final RawStore rawStore;
    private final ObjectMapper json;
    private final String instance;
    private final long leaseMillis;
    private final String leaseText;
    private final ScheduledExecutorService timer;

    /** How long a lease transaction waits for the row a frozen or slow instance holds. */
    private static final int LOCK_WAIT_MS = 5000;

    /** The lease this instance holds, if any. */
    private volatile Held held;
    /** The run whose lease {@link #acquire} is taking right now, if any. */
    private volatile String acquiring;
    /** When this instance last renewed its lease (its clock). */
    private volatile long lastRenewal;

    private record Held(RunRecord run, long epoch, Consumer<String> lost) {}

    PostgresRunLease(
            ClusterDatabase database,
            PipelineProperties.Cluster settings,
            PostgresRunStore runs,
            RawStore rawStore,
            ObjectMapper json) {
        this.database = database;
        this.runs = runs;
        this.rawStore = rawStore;
        this.json = json;
        this.instance = settings.instance();
        this.leaseMillis = settings.lease().toMillis();
        this.leaseText = settings.lease().toSeconds() + "s";
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-run-lease");
            thread.setDaemon(true);
            return thread;
        });
        // A quarter of the lease leaves three renewals to fail before it expires; at most 5 s, so other instances'
        // GET /runs show the run's progress that fresh.
        long tick = Math.max(1000, Math.min(5000, leaseMillis / 4));
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        log.info(
                "Clustered mode: this instance is {}; the run lease lasts {} and is renewed every {} ms",
                instance,
                leaseText,
                tick);
    }

    @Override
    public synchronized void acquire(RunRecord run, Consumer<String> lost) {
        acquiring = run.getRunId();
        try {
            held = new Held(run, take(run), lost);
            lastRenewal = System.currentTimeMillis();
        } catch (DataAccessException | org.springframework.transaction.TransactionException e) {
            throw new ClusterDatabaseUnavailableException(e);
        } finally {
            acquiring = null;
        }
    }

    private long take(RunRecord run) {
        return database.tx().execute(status -> {
            limitWaits(LOCK_WAIT_MS);
            Map<String, Object> lease = database.jdbc().queryForMap(ClusterSql.get("lease_lock"));
            String activeRun = (String) lease.get("run_id");
            if (activeRun != null) {
                if (!Boolean.TRUE.equals(lease.get("expired"))) {
                    throw new RunAlreadyActiveException(
                            activeRun, (String) lease.get("instance"), datasets((String) lease.get("datasets")));
                }
                takeOver(lease);
            }
            return database.jdbc()
                    .queryForObject(
                            ClusterSql.get("lease_take"),
                            Long.class,
                            run.getRunId(),
                            instance,
                            String.join(",", run.getDatasetsRequested()),
                            leaseMillis);
        });
    }

    @Override
    public void release(RunRecord run) {
        Held current = held;
        if (current == null || !current.run().getRunId().equals(run.getRunId())) {
            return;
        }
        held = null;
        try {
            database.jdbc().update(ClusterSql.get("lease_free"), run.getRunId(), current.epoch());
        } catch (DataAccessException e) {
            // The lease then expires by itself; the take-over finds the run already ended and only frees it.
            log.warn(
                    "Could not free the run lease of run {} in PostgreSQL ({}); it expires within {}",
                    run.getRunId(),
                    e.getMessage(),
                    leaseText);
        }
    }

    @Override
    public synchronized void confirm(String runId) {
        Held current = held;
        if (current == null || !current.run().getRunId().equals(runId) || !renew(current)) {
            String reason = lostReason(runId, current == null ? -1 : current.epoch());
            if (current != null) {
                current.lost().accept(reason);
            }
            throw new LeaseLostException("Run " + runId + " commits nothing: " + reason);
        }
    }

    /**
     * Renews the lease this instance holds and saves its run's progress; takes over an expired lease otherwise.
     * Not synchronized with {@link #acquire} (a refresh must not wait behind this check); a lease this instance is
     * taking or holds is never mistaken for another instance's expired one.
     */
    private void tick() {
        Held current = held;
        try {
            if (current != null) {
                if (renew(current)) {
                    lastRenewal = System.currentTimeMillis();
                    runs.save(current.run());
                } else if (held == current) {
                    held = null;
                    current.lost().accept(lostReason(current.run().getRunId(), current.epoch()));
                }
                return;
            }
            database.tx().executeWithoutResult(status -> {
                // A short wait: the check comes again in a moment, and must not hold up a refresh's lease.
                limitWaits(1000);
                Map<String, Object> lease = database.jdbc().queryForMap(ClusterSql.get("lease_lock"));
                boolean ours = instance.equals(lease.get("instance"))
                        && (java.util.Objects.equals(lease.get("run_id"), acquiring) || held != null);
                if (lease.get("run_id") != null && Boolean.TRUE.equals(lease.get("expired")) && !ours) {
                    takeOver(lease);
                    database.jdbc().update(ClusterSql.get("lease_free"), lease.get("run_id"), lease.get("epoch"));
                }
            });
        } catch (RuntimeException e) {
            // PostgreSQL unreachable for a moment: the next tick tries again. A lease this instance could not renew
            // for its whole length may have been taken over meanwhile: its run stops and commits nothing.
            log.warn("Run lease check failed: {}", e.getMessage());
            if (current != null && held == current && System.currentTimeMillis() - lastRenewal > leaseMillis) {
                held = null;
                current.lost()
                        .accept("interrupted: instance " + instance + " could not renew the run lease of run "
                                + current.run().getRunId() + " for longer than pipeline.cluster.lease (" + leaseText
                                + "; PostgreSQL did not answer: " + e.getMessage()
                                + "), so another instance may have taken the run over. Nothing of this run is "
                                + "committed here");
            }
        }
    }

    /** Inside a lease transaction: wait at most {@code millis} for the row; a session frozen in one is ended. */
    private void limitWaits(int millis) {
        database.jdbc()
                .queryForList(
                        ClusterSql.get("lease_timeouts"),
                        Integer.toString(millis),
                        Long.toString(Math.max(leaseMillis, 5000)));
    }

    private boolean renew(Held current) {
        return database.jdbc()
                        .update(
                                ClusterSql.get("lease_renew"),
                                leaseMillis,
                                current.run().getRunId(),
                                instance,
                                current.epoch())
                == 1;
    }

    /**
     * Inside the transaction holding the lease row: closes the expired run's record as interrupted and removes what it
     * staged. The caller then takes or frees the lease.
     */
    private void takeOver(Map<String, Object> lease) {
        String runId = (String) lease.get("run_id");
        String owner = (String) lease.get("instance");
        String record = runs.record(runId);
        // All or nothing: a commit under way is completed, otherwise the staging goes.
        boolean rawCommitted = rawStore.settleTakenOver(runId);
        String reason;
        try {
            ObjectNode node = record == null ? json.createObjectNode() : (ObjectNode) json.readTree(record);
            rawCommitted |= node.path("raw_committed").asBoolean(false);
            reason = "interrupted: instance " + owner + " stopped renewing the run lease (pipeline.cluster.lease "
                    + leaseText + "; killed, stopped or cut off from PostgreSQL) and instance " + instance
                    + " took the run over; "
                    + (rawCommitted
                            ? "its raw rows were committed (a commit under way was completed), the next run rebuilds "
                                    + "the model"
                            : "nothing of it was committed (its staging was removed), the next run fetches its rows "
                                    + "again");
            if (node.path("status").asText("running").equals("running")) {
                node.put("run_id", runId);
                node.put("instance", owner);
                node.put("status", "interrupted");
                node.put("error", reason);
                node.put("raw_committed", rawCommitted);
                node.put(
                        "finished_at",
                        Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
                node.remove("progress");
                runs.saveJson(runId, owner, "interrupted", json.writeValueAsString(node));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            reason = "interrupted: its record could not be read (" + e.getOriginalMessage() + ")";
        }
        log.warn("Run {} of instance {} {}", runId, owner, reason);
    }

    private String lostReason(String runId, long epoch) {
        String holder = "another instance";
        try {
            Map<String, Object> lease = database.jdbc().queryForMap(ClusterSql.get("lease_read"));
            if (lease.get("instance") != null && !instance.equals(lease.get("instance"))) {
                holder = "instance " + lease.get("instance") + " (run " + lease.get("run_id") + ")";
            }
        } catch (DataAccessException e) {
            holder = "another instance (PostgreSQL did not answer: " + e.getMessage() + ")";
        }
        return "interrupted: instance " + instance + " lost the run lease of run " + runId + " (epoch " + epoch
                + "): it did not renew it within pipeline.cluster.lease (" + leaseText
                + ") - it was stopped, paused or cut off from PostgreSQL - and the run was taken over; the lease is now "
                + "free or held by " + holder + ". Nothing of this run is committed here";
    }

    private static List<String> datasets(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
