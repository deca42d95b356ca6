package io.github.eiaoutages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Clustered mode's schedule ({@link ClusterNodes}): 60 fires of a 2-second cron on three instances, each run or
 * recorded skipped by exactly one instance. Its own class (database, folder, instances) so that its two minutes of
 * fires pass while {@link ClusterIT} and the rest of the suite run.
 */
class ClusterScheduleIT extends ClusterNodes {

    @Test
    void sixty_fires_of_a_two_second_cron_are_each_run_or_skipped_by_exactly_one_instance() throws Exception {
        // No rows: each fire's run asks EIA once and stores nothing, so the two minutes cost the machine little.
        // What is tested is who runs each fire, not what a run stores (ClusterIT does that).
        EIA.serveGenerator(List.of());
        startNodes(true);
        Instant from = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (from.getEpochSecond() % 2 != 0) {
            from = from.plusSeconds(1);
        }
        Instant to = from.plusSeconds(120);
        Thread.sleep(Duration.between(Instant.now(), to).toMillis());
        // The last fires' runs end and missed fires are recorded within seconds after the window.
        Instant windowStart = from;
        Map<Instant, String[]> fires = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> fires(windowStart, to),
                        recorded -> recorded.size() == 60
                                && recorded.values().stream()
                                        .allMatch(f -> Set.of("run", "skipped", "missed")
                                                .contains(f[1])));
        // 60 fire times, each recorded once (the key allows no second record), none left "claimed".
        assertThat(fires).hasSize(60);
        assertThat(fires.values()).allSatisfy(f -> assertThat(f[1]).isIn("run", "skipped", "missed"));
        long run = fires.values().stream().filter(f -> f[1].equals("run")).count();
        assertThat(run).as("fires that ran, of 60").isGreaterThanOrEqualTo(50);
        // Every fire that ran is one run, on the instance that recorded the fire, started by the schedule.
        Set<String> runIds = new HashSet<>();
        for (String[] fire : fires.values()) {
            if (fire[1].equals("run")) {
                assertThat(runIds.add(fire[2]))
                        .as("run %s recorded for two fires", fire[2])
                        .isTrue();
                Map<String, Object> record = get(NODES[0], "/runs/" + fire[2]);
                assertThat(record.get("instance")).isEqualTo(fire[0]);
                assertThat(record.get("trigger")).isEqualTo("schedule");
            }
        }
        // No instance ever ran a fire another one had (the second line of defence never had to act).
        for (Node node : NODES) {
            assertThat(node.logText()).doesNotContain("already handled by another instance");
        }
        // Quartz gives each fire to whichever instance acquires it first; how they were shared is shown, not required.
        Map<String, Long> byInstance = new java.util.TreeMap<>();
        fires.values().forEach(f -> byInstance.merge(f[0] + " " + f[1], 1L, Long::sum));
        System.out.println("Fires of " + from + " to " + to + " by instance and outcome: " + byInstance);
    }

    /** The fires recorded for the generator's schedule from {@code from} (inclusive) to {@code to}: instance, outcome, run. */
    private static Map<Instant, String[]> fires(Instant from, Instant to) throws Exception {
        Map<Instant, String[]> fires = new LinkedHashMap<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT scheduled_at, instance, outcome, run_id FROM "
                        + "pipeline_schedule_fires WHERE dataset = '" + DATASET + "' AND scheduled_at >= '"
                        + Timestamp.from(from) + "' AND scheduled_at < '" + Timestamp.from(to)
                        + "' ORDER BY scheduled_at")) {
            while (r.next()) {
                fires.put(r.getTimestamp(1).toInstant(), new String[] {r.getString(2), r.getString(3), r.getString(4)});
            }
        }
        return fires;
    }
}
