package io.github.eiaoutages.cluster;

import io.github.eiaoutages.alerts.SinkProgress;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clustered mode's alert delivery: each sink's progress in PostgreSQL ({@code pipeline_alert_progress}), and one
 * delivering instance, the holder of a session-level advisory lock (PostgreSQL "Advisory Locks"). The lock lives as
 * long as this instance's connection: an instance that dies or loses PostgreSQL frees it, and a standby takes the
 * turn within seconds, resuming after the last acknowledged event.
 */
public class PostgresSinkProgress implements SinkProgress.SharedSinkProgress {

    private static final Logger log = LoggerFactory.getLogger(PostgresSinkProgress.class);
    /** The advisory lock's key: any number no other software on the database uses ("EIA alert" in ASCII). */
    private static final long LOCK_KEY = 0x45494120616c6572L;

    private final ClusterDatabase database;
    private final DataSource dataSource;
    private Connection lockHolder;
    private long lastTry;

    PostgresSinkProgress(ClusterDatabase database, DataSource dataSource) {
        this.database = database;
        this.dataSource = dataSource;
    }

    @Override
    public Optional<String> delivered(String sink) {
        List<String> ids = database.jdbc().queryForList(ClusterSql.get("alert_progress_read"), String.class, sink);
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }

    @Override
    public void delivered(String sink, String eventId) {
        database.jdbc().update(ClusterSql.get("alert_progress_write"), sink, eventId);
    }

    @Override
    public synchronized boolean myTurn() {
        try {
            if (lockHolder != null && lockHolder.isValid(2)) {
                return true;
            }
        } catch (SQLException e) {
            // Checked below: the connection is gone, and with it the lock.
        }
        release();
        if (System.currentTimeMillis() - lastTry < 1000) {
            return false;
        }
        lastTry = System.currentTimeMillis();
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement s = connection.prepareStatement(ClusterSql.get("alert_lock"))) {
                s.setLong(1, LOCK_KEY);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next() && r.getBoolean(1)) {
                        lockHolder = connection;
                        log.info("This instance delivers the outage alerts of the cluster");
                        return true;
                    }
                }
            }
            connection.close();
        } catch (SQLException e) {
            log.warn("Could not ask PostgreSQL whose turn it is to deliver alerts: {}", e.getMessage());
        }
        return false;
    }

    @PreDestroy
    synchronized void release() {
        if (lockHolder != null) {
            try {
                lockHolder.close();
            } catch (SQLException e) {
                // Closed anyway: the lock goes with the session.
            }
            lockHolder = null;
        }
    }
}
