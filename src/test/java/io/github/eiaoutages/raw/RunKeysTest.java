package io.github.eiaoutages.raw;

import static org.assertj.core.api.Assertions.assertThat;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The idempotency rules of one run's key state, one test per rule, against a fake raw store. */
class RunKeysTest {

    /** Committed rows of the fake store: {row fingerprint, key fingerprint, period (epoch day)}. */
    private final List<long[]> stored = new ArrayList<>();
    /** The {@code [from, to]} ranges the run asked the store for. */
    private final List<long[]> asked = new ArrayList<>();

    private final RunKeys.Loader store = (dataset, from, to, read, into) -> {
        asked.add(new long[] {from, to});
        long keys = 0;
        for (long[] row : stored) {
            if (row[2] >= from && row[2] <= to) {
                into.committed(row[0], row[1], row.length > 3 ? row[3] : 0);
                keys++;
            }
        }
        return new RunKeys.KeyLoad(1, 1, keys, 0);
    };

    private RunKeys.DatasetKeys loaded(RunKeys run, String dataset) {
        RunKeys.DatasetKeys keys = run.dataset(dataset);
        keys.load(100, 200, false);
        return keys;
    }

    @Test
    void a_new_row_is_accepted_once_and_then_is_a_duplicate() {
        RunKeys.DatasetKeys keys = loaded(new RunKeys("r1", store), "d");
        assertThat(keys.add(1, 11, 150)).isTrue();
        assertThat(keys.add(1, 11, 150)).isFalse();
        assertThat(keys.pendingCount()).isEqualTo(1);
    }

    @Test
    void a_row_stored_in_the_loaded_periods_is_a_duplicate() {
        stored.add(new long[] {1, 11, 150});
        RunKeys.DatasetKeys keys = loaded(new RunKeys("r1", store), "d");
        assertThat(keys.add(1, 11, 150)).isFalse();
        assertThat(keys.pendingCount()).isZero();
    }

    @Test
    void a_stored_key_with_new_values_is_a_revision() {
        stored.add(new long[] {1, 11, 150});
        RunKeys.DatasetKeys keys = loaded(new RunKeys("r1", store), "d");
        assertThat(keys.add(2, 11, 150)).isTrue();
        assertThat(keys.revisions()).isEqualTo(1);
    }

    @Test
    void a_value_revised_and_then_put_back_is_a_revision_and_only_the_newest_stored_version_is_a_duplicate() {
        // Stored: version 1 by run 1, then version 2 by run 2 (what the model serves), found in either order.
        stored.add(new long[] {2, 11, 150, 2});
        stored.add(new long[] {1, 11, 150, 1});
        assertThat(loaded(new RunKeys("r3", store), "d").add(2, 11, 150))
                .as("the live version again")
                .isFalse();
        RunKeys.DatasetKeys keys = loaded(new RunKeys("r4", store), "d");
        assertThat(keys.add(1, 11, 150)).as("the old value put back").isTrue();
        assertThat(keys.revisions()).isEqualTo(1);
        assertThat(keys.conflicts()).isEmpty();
    }

    @Test
    void a_key_that_comes_twice_with_different_values_is_a_conflict_with_both_versions() {
        stored.add(new long[] {1, 11, 150});
        RunKeys.DatasetKeys keys = loaded(new RunKeys("r1", store), "d");
        keys.add(2, 11, 150);
        keys.add(3, 11, 150);
        assertThat(keys.conflicts()).containsExactly(11L);
        // The stored version is not among the run's own, so it is not reported as stored.
        assertThat(keys.committedVersions()).isEmpty();
        keys.withdraw(new LongOpenHashSet(new long[] {2, 3}), new LongOpenHashSet(new long[] {11}));
        assertThat(keys.pendingCount()).isZero();
        assertThat(keys.revisions()).isZero();
    }

    @Test
    void a_failed_row_is_forgotten_and_accepted_again() {
        RunKeys.DatasetKeys keys = loaded(new RunKeys("r1", store), "d");
        keys.add(1, 11, 150);
        assertThat(keys.remove(1)).isTrue();
        assertThat(keys.add(1, 11, 150)).isTrue();
    }

    @Test
    void loaded_periods_are_widened_by_a_week_for_day_based_data() {
        loaded(new RunKeys("r1", store), "d");
        assertThat(asked).containsExactly(new long[] {93, 207});
    }

    @Test
    void a_row_outside_the_loaded_periods_loads_its_period_before_it_is_judged() {
        stored.add(new long[] {5, 55, 900});
        RunKeys.DatasetKeys keys = loaded(new RunKeys("r1", store), "d");
        // EIA sent a row far outside the windows asked for: its period's keys are read first, so it is a duplicate.
        assertThat(keys.add(5, 55, 900)).isFalse();
        assertThat(asked).hasSize(2);
        assertThat(asked.get(1)).containsExactly(893, 907);
        // Within what is loaded now, no further read.
        keys.add(6, 66, 901);
        assertThat(asked).hasSize(2);
    }

    @Test
    void two_runs_of_different_datasets_keep_their_keys_apart() {
        RunKeys first = new RunKeys("r1", store);
        RunKeys second = new RunKeys("r2", store);
        RunKeys.DatasetKeys a = loaded(first, "region-data");
        RunKeys.DatasetKeys b = loaded(second, "generator-nuclear-outages");
        // The same fingerprints in both: each run accepts its own, and conflicts stay where they came.
        assertThat(a.add(1, 11, 150)).isTrue();
        assertThat(b.add(1, 11, 150)).isTrue();
        b.add(2, 11, 150);
        assertThat(b.conflicts()).containsExactly(11L);
        assertThat(a.conflicts()).isEmpty();
        assertThat(first.pendingCount()).isEqualTo(1);
        assertThat(second.pendingCount()).isEqualTo(2);
        b.withdraw(new LongOpenHashSet(new long[] {1, 2}), new LongOpenHashSet(new long[] {11}));
        assertThat(first.pendingCount()).isEqualTo(1);
        assertThat(first.all()).extracting(RunKeys.DatasetKeys::dataset).containsExactly("region-data");
    }

    @Test
    void the_repository_finds_each_run_by_the_run_id_in_the_key_and_drops_it_at_the_end() {
        RawKeyRepository repository = new RawKeyRepository(null, null);
        // Keys of two runs with the same fingerprints, each prepared by its own load.
        String first = IdempotencyKey.format(1, 11, 150, "20260101T000000000Z", "d");
        String second = IdempotencyKey.format(1, 11, 150, "20260102T000000000Z", "d");
        repository.runs().put("20260101T000000000Z", new RunKeys("20260101T000000000Z", store));
        repository.runs().put("20260102T000000000Z", new RunKeys("20260102T000000000Z", store));
        repository.run("20260101T000000000Z").dataset("d").load(100, 200, false);
        repository.run("20260102T000000000Z").dataset("d").load(100, 200, false);
        assertThat(repository.add(first)).isTrue();
        assertThat(repository.add(second)).isTrue();
        assertThat(repository.add(first)).isFalse();
        repository.end("20260101T000000000Z");
        assertThat(repository.activeRuns()).isEqualTo(1);
        assertThat(repository.contains(second)).isTrue();
        assertThat(Set.copyOf(repository.runs().keySet())).containsExactly("20260102T000000000Z");
        // A row of the ended run still on its way is dropped, and does not bring the run's state back.
        assertThat(repository.add(IdempotencyKey.format(9, 99, 150, "20260101T000000000Z", "d")))
                .isFalse();
        assertThat(repository.activeRuns()).isEqualTo(1);
    }
}
