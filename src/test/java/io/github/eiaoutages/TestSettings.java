package io.github.eiaoutages;

import io.github.eiaoutages.config.FieldType;
import io.github.eiaoutages.config.PipelineMode;
import io.github.eiaoutages.config.PipelineProperties;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings as application.yaml gives them, for tests that build beans without Spring. */
public final class TestSettings {

    private TestSettings() {
    }

    public static PipelineProperties properties(Path work) {
        return properties(work, Map.of("generator-nuclear-outages", generatorDataset()));
    }

    public static PipelineProperties properties(Path work, Map<String, PipelineProperties.Dataset> datasets) {
        return new PipelineProperties(PipelineMode.SERVE, false,
                new PipelineProperties.Schedule(false, "0 15 * * * ?", "UTC"),
                new PipelineProperties.Eia("", "http://127.0.0.1:9/v2", 5000, 1000, 4, 4, 7200,
                        new PipelineProperties.Retry(5, 2000, 60000)),
                new PipelineProperties.Storage(work.resolve("data"), work.resolve("modeled"), 1000),
                new PipelineProperties.Model("generator-nuclear-outages", 3, "facility-nuclear-outages", "us-nuclear-outages"),
                datasets);
    }

    public static PipelineProperties.Dataset generatorDataset() {
        Map<String, FieldType> fields = new LinkedHashMap<>();
        fields.put("period", FieldType.DATE);
        fields.put("facility", FieldType.STRING);
        fields.put("facilityName", FieldType.STRING);
        fields.put("generator", FieldType.STRING);
        fields.put("capacity", FieldType.DOUBLE);
        fields.put("outage", FieldType.DOUBLE);
        fields.put("percentOutage", FieldType.DOUBLE);
        return new PipelineProperties.Dataset("nuclear-outages/generator-nuclear-outages", "daily",
                LocalDate.of(2007, 1, 1), List.of("capacity", "outage", "percentOutage"), Map.of(),
                List.of("period", "facility", "generator"), fields, 14, 365,
                new PipelineProperties.Checks(List.of("capacity", "outage"), Map.of("outage", "capacity")), null,
                java.time.Duration.ofDays(3));
    }

    /** facility-nuclear-outages as application.yaml configures it. */
    public static PipelineProperties.Dataset facilityDataset() {
        Map<String, FieldType> fields = new LinkedHashMap<>();
        fields.put("period", FieldType.DATE);
        fields.put("facility", FieldType.STRING);
        fields.put("facilityName", FieldType.STRING);
        fields.put("capacity", FieldType.DOUBLE);
        fields.put("outage", FieldType.DOUBLE);
        fields.put("percentOutage", FieldType.DOUBLE);
        return new PipelineProperties.Dataset("nuclear-outages/facility-nuclear-outages", "daily",
                LocalDate.of(2007, 1, 1), List.of("capacity", "outage", "percentOutage"), Map.of(),
                List.of("period", "facility"), fields, 14, 365, new PipelineProperties.Checks(List.of(), Map.of()), null,
                java.time.Duration.ofDays(3));
    }

    /** us-nuclear-outages as application.yaml configures it. */
    public static PipelineProperties.Dataset nationalDataset() {
        Map<String, FieldType> fields = new LinkedHashMap<>();
        fields.put("period", FieldType.DATE);
        fields.put("capacity", FieldType.DOUBLE);
        fields.put("outage", FieldType.DOUBLE);
        fields.put("percentOutage", FieldType.DOUBLE);
        return new PipelineProperties.Dataset("nuclear-outages/us-nuclear-outages", "daily",
                LocalDate.of(2007, 1, 1), List.of("capacity", "outage", "percentOutage"), Map.of(),
                List.of("period"), fields, 14, 365, new PipelineProperties.Checks(List.of(), Map.of()), null,
                java.time.Duration.ofDays(3));
    }
}
