package io.github.eiaoutages.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.alerts.EventLog;
import io.github.eiaoutages.alerts.OutageChanges;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.raw.RawStore;

/** The modeling beans wired as Spring wires them, for tests and benchmarks that run without Spring. */
public final class TestModels {

    private TestModels() {}

    public static OutageModelBuilder builder(
            PipelineProperties properties, DuckDb duckDb, SnapshotPublisher publisher) {
        DatasetCatalog datasets = new DatasetCatalog(properties);
        RawStore rawStore = new RawStore(properties, datasets, duckDb, new ObjectMapper());
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        return new OutageModelBuilder(
                duckDb,
                rawStore,
                datasets,
                publisher,
                new QualityChecks(duckDb, rawStore, datasets, properties),
                new OutageChanges(duckDb, properties, datasets),
                new EventLog(properties, json));
    }
}
