package io.github.eiaoutages.config;

import io.github.eiaoutages.period.Frequency;
import io.github.eiaoutages.period.Period;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset entry of {@code application.yaml}, checked and resolved: its frequency, the first period a backfill
 * asks for, look-back and window in periods of its frequency, typed fields in order, which of them form the
 * unique key and which carry values.
 *
 * @param lookBack periods an incremental run asks for again before the newest stored one
 * @param window periods per backfill window
 * @param maxAge how old the end of the newest period may be before the dataset is stale
 * @param totalIsReliable whether EIA's {@code total} counts the rows of a query (a completeness check) or not
 * @param expectComplete whether every period between the first and the newest should have rows (gaps are listed)
 * @param fillGaps whether scheduled runs fetch the gaps found again
 * @param futurePeriods whether rows may have periods after now (forecasts), or such rows are refused
 */
public record DatasetSpec(
        String id,
        String route,
        Frequency frequency,
        Period start,
        List<String> data,
        Map<String, List<String>> facets,
        List<FieldSpec> fields,
        List<FieldSpec> keyFields,
        List<FieldSpec> valueFields,
        int lookBack,
        int window,
        Duration maxAge,
        boolean totalIsReliable,
        boolean expectComplete,
        boolean fillGaps,
        List<FieldSpec> nonNegative,
        Map<FieldSpec, FieldSpec> atMost,
        boolean futurePeriods) {

    /** The field every EIA row carries and pages are sorted on first. */
    public static final String PERIOD = "period";
    /** The stored column that keeps the period as EIA sent it, for every dataset that is not daily. */
    public static final String PERIOD_LABEL = "period_label";
    /** Columns of the raw store the pipeline writes itself; no field may be stored under these names. */
    private static final List<String> RESERVED_COLUMNS = List.of(PERIOD_LABEL, "_run_id", "_row_fp", "_key_fp");
    /** Only EIA's nuclear-outages routes have a known first period (data start 2007-01-01). */
    private static final String NUCLEAR_ROUTES = "nuclear-outages/";

    private static final String NUCLEAR_START = "2007-01-01";

    static DatasetSpec from(String id, PipelineProperties.Dataset entry) {
        String where = "pipeline.datasets." + id;
        if (entry.route().startsWith("/")
                || entry.route().endsWith("/data")
                || entry.route().endsWith("/data/")) {
            throw new InvalidConfigurationException(
                    where + ".route",
                    "'" + entry.route()
                            + "' must be the EIA route alone, e.g. nuclear-outages/generator-nuclear-outages "
                            + "(no leading slash, no /data)");
        }
        Frequency frequency;
        try {
            frequency = Frequency.fromEia(entry.frequency());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(where + ".frequency", e.getMessage());
        }
        List<FieldSpec> fields = fields(where, entry, frequency);
        List<FieldSpec> keyFields = new ArrayList<>();
        for (String name : entry.key()) {
            FieldSpec field = fields.stream()
                    .filter(f -> f.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new InvalidConfigurationException(
                            where + ".key",
                            "names '" + name + "', which is not one of its fields "
                                    + entry.fields().keySet()));
            keyFields.add(field);
        }
        if (!entry.key().contains(PERIOD)) {
            throw new InvalidConfigurationException(where + ".key", "must include 'period'");
        }
        List<FieldSpec> valueFields =
                fields.stream().filter(f -> !keyFields.contains(f)).toList();
        for (String column : entry.data()) {
            if (fields.stream().noneMatch(f -> f.name().equals(column))) {
                throw new InvalidConfigurationException(
                        where + ".data",
                        "requests '" + column + "', which is not one of its fields; add it to fields or it is lost");
            }
        }
        List<FieldSpec> nonNegative = new ArrayList<>();
        for (String name : entry.checks().nonNegative()) {
            nonNegative.add(numeric(where + ".checks.non-negative", name, fields));
        }
        Map<FieldSpec, FieldSpec> atMost = new LinkedHashMap<>();
        entry.checks()
                .atMost()
                .forEach((field, limit) -> atMost.put(
                        numeric(where + ".checks.at-most", field, fields),
                        numeric(where + ".checks.at-most." + field, limit, fields)));
        return new DatasetSpec(
                id,
                entry.route(),
                frequency,
                start(where, entry, frequency),
                List.copyOf(entry.data()),
                Map.copyOf(entry.facets()),
                List.copyOf(fields),
                List.copyOf(keyFields),
                valueFields,
                periods(
                        where,
                        "look-back",
                        entry.lookBack(),
                        entry.lookBackDays(),
                        frequency,
                        frequency.defaultLookBack()),
                periods(where, "window", entry.window(), entry.windowDays(), frequency, frequency.defaultWindow()),
                maxAge(where, entry, frequency),
                entry.totalIsReliable(),
                entry.expectComplete(),
                fillGaps(where, entry),
                List.copyOf(nonNegative),
                Map.copyOf(atMost),
                entry.futurePeriods());
    }

    /** The typed fields, period first when the entry leaves it out; its type must be able to hold the periods. */
    private static List<FieldSpec> fields(String where, PipelineProperties.Dataset entry, Frequency frequency) {
        FieldType periodType = frequency.hourly() ? FieldType.HOUR : FieldType.DATE;
        Map<String, FieldType> declared = new LinkedHashMap<>();
        if (!entry.fields().containsKey(PERIOD)) {
            declared.put(PERIOD, periodType);
        }
        entry.fields().forEach((name, type) -> declared.put(name, FieldType.of(where + ".fields." + name, type)));
        List<FieldSpec> fields = new ArrayList<>();
        for (Map.Entry<String, FieldType> field : declared.entrySet()) {
            String column = FieldSpec.columnFor(field.getKey());
            if (RESERVED_COLUMNS.contains(column)) {
                throw new InvalidConfigurationException(
                        where + ".fields." + field.getKey(),
                        "is stored as " + column + ", a column the pipeline fills itself ("
                                + String.join(", ", RESERVED_COLUMNS) + "); drop it");
            }
            fields.stream().filter(f -> f.column().equals(column)).findFirst().ifPresent(f -> {
                throw new InvalidConfigurationException(
                        where + ".fields." + field.getKey(),
                        "and fields." + f.name()
                                + " would both be stored as column " + column
                                + " (EIA's camelCase and kebab-case names become "
                                + "snake_case); keep one");
            });
            fields.add(new FieldSpec(field.getKey(), column, field.getValue(), fields.size()));
        }
        FieldType given = declared.get(PERIOD);
        if (given != periodType) {
            throw new InvalidConfigurationException(
                    where + ".fields.period",
                    "is '" + given.name().toLowerCase()
                            + "', which cannot hold " + frequency.eiaName() + " periods such as " + frequency.example()
                            + ": use '"
                            + periodType.name().toLowerCase() + "' ("
                            + (frequency.hourly() ? "stored as a UTC timestamp" : "stored as the period's first day")
                            + "), or leave period out of fields so its type follows frequency");
        }
        return fields;
    }

    private static Duration maxAge(String where, PipelineProperties.Dataset entry, Frequency frequency) {
        if (entry.maxAge() == null) {
            return frequency.defaultMaxAge();
        }
        if (entry.maxAge().isNegative() || entry.maxAge().isZero()) {
            throw new InvalidConfigurationException(
                    where + ".max-age",
                    "is " + PipelineProperties.text(entry.maxAge()) + ", but must be longer than zero, e.g. 3d");
        }
        return entry.maxAge();
    }

    private static boolean fillGaps(String where, PipelineProperties.Dataset entry) {
        if (entry.fillGaps() && !entry.expectComplete()) {
            throw new InvalidConfigurationException(
                    where + ".fill-gaps",
                    "is true, but gaps are only looked for in "
                            + "datasets marked expect-complete: true; set that too (every period should have rows) or drop fill-gaps");
        }
        return entry.fillGaps();
    }

    private static Period start(String where, PipelineProperties.Dataset entry, Frequency frequency) {
        String start = entry.start();
        if (start == null || start.isBlank()) {
            if (!entry.route().startsWith(NUCLEAR_ROUTES)) {
                throw new InvalidConfigurationException(
                        where + ".start",
                        "is not set: give the first period a backfill "
                                + "asks for, in the dataset's own format (e.g. " + frequency.example() + " for "
                                + frequency.eiaName()
                                + " data)");
            }
            start = NUCLEAR_START;
        }
        try {
            return frequency.parse(start);
        } catch (DateTimeParseException e) {
            throw new InvalidConfigurationException(
                    where + ".start", e.getMessage() + " (start is written in the dataset's own period format)");
        }
    }

    /**
     * A count of periods: the key in periods, or (daily and hourly datasets only) its {@code -days} form, or the
     * frequency's default.
     */
    private static int periods(
            String where, String key, Integer periods, Integer days, Frequency frequency, int fallback) {
        if (days == null) {
            return periods == null ? fallback : periods;
        }
        if (periods != null) {
            throw new InvalidConfigurationException(
                    where + "." + key + "-days",
                    "and " + where + "." + key + " are both set; keep " + key
                            + " (it counts periods of the dataset's frequency)");
        }
        return switch (frequency) {
            case DAILY -> days;
            case HOURLY, LOCAL_HOURLY -> {
                if (days > Integer.MAX_VALUE / 24) {
                    throw new InvalidConfigurationException(
                            where + "." + key + "-days",
                            "is " + days + ", more days than there are hours to count; give at most "
                                    + Integer.MAX_VALUE / 24);
                }
                yield days * 24;
            }
            default ->
                throw new InvalidConfigurationException(
                        where + "." + key + "-days",
                        "counts days, but the "
                                + "dataset is " + frequency.eiaName() + ": use " + key
                                + ", which counts its periods (e.g. " + key
                                + ": 3 for three " + unit(frequency) + ")");
        };
    }

    private static String unit(Frequency frequency) {
        return switch (frequency) {
            case WEEKLY -> "weeks";
            case MONTHLY -> "months";
            case QUARTERLY -> "quarters";
            case ANNUAL -> "years";
            default -> "periods";
        };
    }

    private static FieldSpec numeric(String where, String name, List<FieldSpec> fields) {
        FieldSpec field = fields.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new InvalidConfigurationException(where, "names '" + name + "', which is not a field"));
        if (field.type() != FieldType.DOUBLE && field.type() != FieldType.LONG) {
            throw new InvalidConfigurationException(
                    where, "names '" + name + "', which is not a number (double or long)");
        }
        return field;
    }

    public FieldSpec period() {
        return fields.stream().filter(f -> f.name().equals(PERIOD)).findFirst().orElseThrow();
    }

    public FieldSpec field(String name) {
        return fields.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("dataset " + id + " has no field " + name));
    }

    /**
     * True for every dataset that is not daily: its rows also store {@code period_label}, the period as EIA sent
     * it (a local hour keeps its offset; a month stays {@code 2026-10}, not the stored first day).
     */
    public boolean storesPeriodLabel() {
        return frequency != Frequency.DAILY;
    }

    /** Values a typed row carries: one per field, then the period label where the dataset stores one. */
    public int rowWidth() {
        return fields.size() + (storesPeriodLabel() ? 1 : 0);
    }
}
