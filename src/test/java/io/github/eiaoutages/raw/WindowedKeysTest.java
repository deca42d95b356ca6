package io.github.eiaoutages.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.EiaStub;
import io.github.eiaoutages.RawFiles;
import io.github.eiaoutages.TestApps;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Keys by window: parts are committed sorted by period, a run loads the keys of its windows from the parts that
 * overlap them only, and a run folder of an earlier release is sorted once, safely.
 */
class WindowedKeysTest {

    private static final String DATASET = "generator-nuclear-outages";

    @RegisterExtension
    static final EiaStub EIA = new EiaStub();

    @TempDir
    Path work;

    private ConfigurableApplicationContext start() {
        // Parts of 100 rows, windows of 60 days (180 rows) fetched 4 at a time in pages of 20: gathered per run
        // alone, each part would mix the days of several windows.
        return TestApps.start(
                EIA,
                work,
                "windowed-keys",
                "--pipeline.storage.rows-per-part=100",
                "--pipeline.datasets." + DATASET + ".window-days=60",
                "--pipeline.eia.max-concurrent-requests=4",
                "--pipeline.eia.page-size=20");
    }

    @Test
    void a_run_reads_the_keys_of_its_windows_from_the_overlapping_parts_only() throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(900, LocalDate.of(2025, 1, 1)));
        try (ConfigurableApplicationContext app = start()) {
            assertThat(TestApps.refreshAndWait(app, DATASET).get("status")).isEqualTo("succeeded");
            RawStore store = app.getBean(RawStore.class);
            DatasetSpec dataset = app.getBean(DatasetCatalog.class).get(DATASET);
            RunManifest manifest = store.manifests(DATASET).get(0);
            // 300 days in 5 windows of 180 rows: a part of 100 and one of 80 each.
            assertThat(manifest.parts())
                    .hasSize(10)
                    .allSatisfy(part -> assertThat(part.periodMin()).isNotNull());
            assertThat(RawParts.sorted(dataset, manifest.parts()))
                    .as("parts %s", manifest.parts())
                    .isTrue();

            // Ten days in the middle: two parts of ten are read, and every stored key of those days is loaded.
            long from = LocalDate.of(2025, 4, 1).toEpochDay();
            long to = LocalDate.of(2025, 4, 10).toEpochDay();
            RunKeys.DatasetKeys keys = new RunKeys("test", store::loadKeys).dataset(DATASET);
            RunKeys.KeyLoad load = store.loadKeys(DATASET, from, to, new HashSet<>(), keys);
            assertThat(load.partsTotal()).isEqualTo(10);
            assertThat(load.partsRead()).isBetween(1, 2);
            for (Map<String, Object> row : RawFiles.committedRows(work.resolve("data"), DATASET)) {
                long day = ((LocalDate) row.get("period")).toEpochDay();
                if (day >= from && day <= to) {
                    assertThat(keys.contains((Long) row.get("_row_fp")))
                            .as("key of %s", row)
                            .isTrue();
                }
            }

            // The next run re-fetches its newest days with the keys of those days alone: nothing is stored twice.
            Map<?, ?> again = TestApps.refreshAndWait(app, DATASET);
            assertThat(again.get("status")).isEqualTo("succeeded");
            assertThat(((Number) again.get("rows_accepted")).longValue()).isZero();
            assertThat(app.getBean(RawKeyRepository.class).activeRuns()).isZero();
        }
        assertThat(RawFiles.committedRows(work.resolve("data"), DATASET)).hasSize(900);
    }

    @Test
    void a_run_folder_of_an_earlier_release_is_sorted_once_and_a_stop_midway_loses_nothing() throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(300, LocalDate.of(2025, 1, 1)));
        Path dataDir = work.resolve("data");
        Path old = dataDir.resolve("raw").resolve(DATASET).resolve("run=20250101T000000000Z");
        writeUnsortedRun(old);
        List<Map<String, Object>> before = RawFiles.committedRows(dataDir, DATASET);

        try (ConfigurableApplicationContext app = start()) {
            RawStore store = app.getBean(RawStore.class);
            DatasetSpec dataset = app.getBean(DatasetCatalog.class).get(DATASET);
            store.sortOldRuns(DATASET);
            Path sorted = old.resolveSibling("run=20250101T000000000Z.sorted");
            assertThat(old).doesNotExist();
            assertThat(store.committedRuns(DATASET)).containsExactly(sorted);
            RunManifest manifest = store.manifests(DATASET).get(0);
            assertThat(RawParts.sorted(dataset, manifest.parts()))
                    .as("parts %s", manifest.parts())
                    .isTrue();
            assertThat(manifest.runId()).isEqualTo("20250101T000000000Z");
            assertThat(manifest.fetch().backfill()).isTrue();
            assertThat(RawFiles.committedRows(dataDir, DATASET)).isEqualTo(before);
            // Once: a second call finds nothing to sort.
            long modified =
                    Files.getLastModifiedTime(sorted.resolve(RawStore.MANIFEST)).toMillis();
            store.sortOldRuns(DATASET);
            assertThat(Files.getLastModifiedTime(sorted.resolve(RawStore.MANIFEST))
                            .toMillis())
                    .isEqualTo(modified);

            // A stop between the commit of the sorted copy and the removal of the old folder: both are on disk.
            writeUnsortedRun(old);
            // A stop while sorting another folder: a half-written sorted copy in staging.
            Path half = dataDir.resolve("raw").resolve(DATASET).resolve("_staging/20250201T000000000Z.sorted");
            Files.createDirectories(half);
            Files.writeString(half.resolve("part-00001.parquet"), "half-written");
            assertThat(store.committedRuns(DATASET))
                    .as("the sorted copy replaces the old folder")
                    .containsExactly(sorted);
        }
        try (ConfigurableApplicationContext app = start()) {
            assertThat(old).doesNotExist();
            assertThat(work.resolve("data/raw/" + DATASET + "/_staging")).doesNotExist();
            assertThat(RawFiles.committedRows(dataDir, DATASET)).isEqualTo(before);
            // The run after it dedupes against the sorted parts: all 300 rows are stored already.
            Map<?, ?> run = TestApps.refreshAndWait(app, DATASET);
            assertThat(run.get("status")).isEqualTo("succeeded");
            assertThat(((Number) run.get("rows_accepted")).longValue()).isZero();
        }
    }

    @Test
    void a_damaged_part_the_windows_need_fails_the_run_naming_the_folder_and_what_to_do() throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(30, LocalDate.of(2025, 1, 1)));
        Path broken = work.resolve("data/raw").resolve(DATASET).resolve("run=20240101T000000000Z");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("part-00001.parquet"), "not parquet");
        Files.writeString(broken.resolve(RawStore.MANIFEST), "{}");
        try (ConfigurableApplicationContext app = start()) {
            Map<?, ?> run = TestApps.refreshAndWait(app, DATASET);
            assertThat(run.get("status")).isEqualTo("failed");
            assertThat(run.get("raw_committed")).isEqualTo(false);
            assertThat((String) run.get("error"))
                    .contains(
                            "Could not read the committed raw files of " + DATASET,
                            "move its run= folder aside and fetch its periods again",
                            "POST /refresh?dataset=" + DATASET + "&start=");
        }
        // Moved aside, the next run stores everything.
        Files.move(broken, work.resolve("aside"));
        try (ConfigurableApplicationContext app = start()) {
            assertThat(TestApps.refreshAndWait(app, DATASET).get("status")).isEqualTo("succeeded");
        }
        assertThat(RawFiles.committedRows(work.resolve("data"), DATASET)).hasSize(30);
    }

    @Test
    void a_manifest_damaged_while_running_fails_the_next_run_at_once_and_stops_the_next_start_naming_the_folder()
            throws Exception {
        EIA.serveGenerator(EiaStub.generatorRows(30, LocalDate.of(2025, 1, 1)));
        try (ConfigurableApplicationContext app = start()) {
            assertThat(TestApps.refreshAndWait(app, DATASET).get("status")).isEqualTo("succeeded");
            Path manifest =
                    app.getBean(RawStore.class).committedRuns(DATASET).get(0).resolve(RawStore.MANIFEST);
            Files.writeString(manifest, "this is {not json");
            long started = System.nanoTime();
            Map<?, ?> run = TestApps.refreshAndWait(app, DATASET);
            // No retry: a damaged file stays damaged (it used to be retried forever, holding the run open).
            assertThat(run.get("status")).isEqualTo("failed");
            assertThat((String) run.get("error"))
                    .contains("The manifest of", "cannot be read", "move that run= folder aside");
            assertThat((System.nanoTime() - started) / 1e9).isLessThan(10);
        }
        assertThatThrownBy(this::start)
                .hasRootCauseInstanceOf(com.fasterxml.jackson.core.JsonParseException.class)
                .satisfies(e -> assertThat(new RawStoreUnreadableFailureAnalyzer()
                                .analyze(e)
                                .getDescription())
                        .startsWith("The raw store holds a damaged file: The manifest of"));
    }

    /**
     * A committed run as an earlier release left it: three parts whose days interleave (windows fetched side by
     * side), a manifest without period ranges, rows and fingerprints exactly as the pipeline computes them.
     */
    private void writeUnsortedRun(Path run) throws Exception {
        Path scratch = work.resolve("scratch");
        if (!Files.exists(scratch)) {
            // Let the pipeline write the rows once (so fingerprints are the real ones), then keep a copy of them.
            try (ConfigurableApplicationContext app = start()) {
                assertThat(TestApps.refreshAndWait(app, DATASET).get("status")).isEqualTo("succeeded");
            }
            Path committed;
            try (Stream<Path> runs = Files.list(work.resolve("data/raw").resolve(DATASET))) {
                committed = runs.filter(p -> p.getFileName().toString().startsWith("run="))
                        .findFirst()
                        .orElseThrow();
            }
            Files.createDirectories(scratch);
            List<Map<String, Object>> rows = RawFiles.committedRows(work.resolve("data"), DATASET);
            assertThat(rows).hasSize(300);
            RawFiles.execute("COPY (SELECT * REPLACE ('20250101T000000000Z' AS _run_id) FROM read_parquet('" + committed
                    + "/*.parquet')) TO '" + scratch.resolve("all.parquet") + "' (FORMAT parquet)");
            org.springframework.util.FileSystemUtils.deleteRecursively(work.resolve("data"));
            org.springframework.util.FileSystemUtils.deleteRecursively(work.resolve("modeled"));
        }
        Files.createDirectories(run);
        for (int part = 0; part < 3; part++) {
            RawFiles.execute("COPY (SELECT * FROM read_parquet('" + scratch.resolve("all.parquet")
                    + "') WHERE (_row_fp % 3 + 3) % 3 = " + part + ") TO '"
                    + run.resolve(String.format("part-%05d.parquet", part + 1)) + "' (FORMAT parquet)");
        }
        Map<String, Object> manifest = Map.of(
                "run_id",
                "20250101T000000000Z",
                "dataset",
                DATASET,
                "committed_at",
                "2025-01-01T00:00:00.000Z",
                "rows",
                300,
                "revisions",
                0,
                "period_min",
                "2025-01-01",
                "period_max",
                "2025-04-10",
                "parts",
                List.of(Map.of("file", "part-00001.parquet", "rows", 0, "bytes", 0, "sha256", "")),
                "fetch",
                Map.of("kind", "backfill", "from", "2025-01-01"));
        new ObjectMapper().writeValue(run.resolve(RawStore.MANIFEST).toFile(), manifest);
        Set<String> files = new HashSet<>();
        try (Stream<Path> list = Files.list(run)) {
            list.forEach(p -> files.add(p.getFileName().toString()));
        }
        assertThat(files).contains("part-00001.parquet", "part-00002.parquet", "part-00003.parquet");
    }
}
