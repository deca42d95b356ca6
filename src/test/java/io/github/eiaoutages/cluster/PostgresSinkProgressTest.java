package io.github.eiaoutages.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * Alert delivery in clustered mode (issue 18, item 4): one instance's turn at a time (an advisory lock), handed over
 * when that instance's session ends, and each sink's progress shared through PostgreSQL.
 */
class PostgresSinkProgressTest {

    private HikariDataSource dataSource;
    private ClusterDatabase database;

    @BeforeEach
    void database() {
        DataSourceProperties db = new DataSourceProperties();
        db.setUrl(TestPostgres.newDatabase());
        db.setUsername("postgres");
        dataSource = new ClusterConfig().clusterDataSource(db);
        database = new ClusterConfig().clusterDatabase(dataSource, db);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void one_instance_delivers_and_another_takes_the_turn_when_its_session_ends() {
        PostgresSinkProgress a = new PostgresSinkProgress(database, dataSource);
        PostgresSinkProgress b = new PostgresSinkProgress(database, dataSource);

        assertThat(a.myTurn()).isTrue();
        assertThat(b.myTurn()).isFalse();

        a.release(); // "a" stops or dies: its session, and with it the lock, ends
        await().atMost(Duration.ofSeconds(5)).until(b::myTurn);
        assertThat(a.myTurn()).as("the turn is held by one instance only").isFalse();
        b.release();
    }

    @Test
    void a_sink_s_progress_written_by_one_instance_is_where_another_resumes() {
        PostgresSinkProgress a = new PostgresSinkProgress(database, dataSource);
        PostgresSinkProgress b = new PostgresSinkProgress(database, dataSource);

        assertThat(b.delivered("webhook")).isEmpty();
        a.delivered("webhook", "20261130T000000000Z/46-1-20250101/outage.started");
        a.delivered("webhook", "20261130T000000000Z/46-1-20250102/outage.started");

        assertThat(b.delivered("webhook")).contains("20261130T000000000Z/46-1-20250102/outage.started");
        assertThat(b.delivered("file")).isEmpty();
    }
}
