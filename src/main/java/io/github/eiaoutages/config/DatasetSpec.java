package io.github.eiaoutages.config;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dataset entry of {@code application.yaml}, checked and resolved: typed fields in order, which of them
 * form the unique key and which carry values.
 */
public record DatasetSpec(
        String id,
        String route,
        String frequency,
        LocalDate start,
        List<String> data,
        Map<String, List<String>> facets,
        List<FieldSpec> fields,
        List<FieldSpec> keyFields,
        List<FieldSpec> valueFields,
        int lookBackDays,
        int windowDays,
        List<FieldSpec> nonNegative,
        Map<FieldSpec, FieldSpec> atMost) {

    /** The field every EIA row carries and pages are sorted on first. */
    public static final String PERIOD = "period";

    static DatasetSpec from(String id, PipelineProperties.Dataset entry) {
        String where = "pipeline.datasets." + id;
        if (entry.route().startsWith("/") || entry.route().endsWith("/data") || entry.route().endsWith("/data/")) {
            throw new InvalidConfigurationException(where + ".route",
                    "'" + entry.route() + "' must be the EIA route alone, e.g. nuclear-outages/generator-nuclear-outages "
                            + "(no leading slash, no /data)");
        }
        List<FieldSpec> fields = new ArrayList<>();
        for (Map.Entry<String, FieldType> field : entry.fields().entrySet()) {
            if (field.getValue() == null) {
                throw new InvalidConfigurationException(where + ".fields." + field.getKey(),
                        "has no type; use one of string, date, hour, double, long");
            }
            fields.add(new FieldSpec(field.getKey(), FieldSpec.columnFor(field.getKey()), field.getValue(), fields.size()));
        }
        if (fields.stream().noneMatch(f -> f.name().equals(PERIOD))) {
            throw new InvalidConfigurationException(where + ".fields",
                    "must include 'period' (date or hour): every EIA row has one and paging sorts on it");
        }
        List<FieldSpec> keyFields = new ArrayList<>();
        for (String name : entry.key()) {
            FieldSpec field = fields.stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> new InvalidConfigurationException(where + ".key",
                            "names '" + name + "', which is not one of its fields " + entry.fields().keySet()));
            keyFields.add(field);
        }
        if (!entry.key().contains(PERIOD)) {
            throw new InvalidConfigurationException(where + ".key", "must include 'period'");
        }
        List<FieldSpec> valueFields = fields.stream().filter(f -> !keyFields.contains(f)).toList();
        for (String column : entry.data()) {
            if (fields.stream().noneMatch(f -> f.name().equals(column))) {
                throw new InvalidConfigurationException(where + ".data",
                        "requests '" + column + "', which is not one of its fields; add it to fields or it is lost");
            }
        }
        List<FieldSpec> nonNegative = new ArrayList<>();
        for (String name : entry.checks().nonNegative()) {
            nonNegative.add(numeric(where + ".checks.non-negative", name, fields));
        }
        Map<FieldSpec, FieldSpec> atMost = new java.util.LinkedHashMap<>();
        entry.checks().atMost().forEach((field, limit) -> atMost.put(
                numeric(where + ".checks.at-most", field, fields), numeric(where + ".checks.at-most." + field, limit, fields)));
        return new DatasetSpec(id, entry.route(), entry.frequency(), entry.start(), List.copyOf(entry.data()),
                Map.copyOf(entry.facets()), List.copyOf(fields), List.copyOf(keyFields), valueFields,
                entry.lookBackDays(), entry.windowDays(), List.copyOf(nonNegative), Map.copyOf(atMost));
    }

    private static FieldSpec numeric(String where, String name, List<FieldSpec> fields) {
        FieldSpec field = fields.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidConfigurationException(where, "names '" + name + "', which is not a field"));
        if (field.type() != FieldType.DOUBLE && field.type() != FieldType.LONG) {
            throw new InvalidConfigurationException(where, "names '" + name + "', which is not a number (double or long)");
        }
        return field;
    }

    public FieldSpec period() {
        return fields.stream().filter(f -> f.name().equals(PERIOD)).findFirst().orElseThrow();
    }

    public FieldSpec field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("dataset " + id + " has no field " + name));
    }
}
