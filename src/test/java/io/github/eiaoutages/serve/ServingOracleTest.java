package io.github.eiaoutages.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.SyntheticOutages;
import io.github.eiaoutages.TestSettings;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.model.Snapshot;
import io.github.eiaoutages.model.SnapshotPublisher;
import io.github.eiaoutages.model.TestModels;
import io.github.eiaoutages.sample.SampleRawRun;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving engine checked by SQL: requests answered by {@link OutageQueries} (parsing, {@link PlantFilter},
 * {@link EventFilter}'s plans, {@link ServingIndex}'s orders and totals over the loaded {@link ServingTable},
 * {@link DataPage}'s JSON) against DuckDB queries over the same published snapshot's Parquet
 * ({@code src/test/resources/sql/oracle/*.sql}), which know nothing of the engine. The snapshot holds the bundled
 * sample's 27 reactors (the README's plants) and 270 synthetic generators over the same 912 days, 59,312 events,
 * enough to cross every size threshold of the engine's plans; ongoing and ended events both occur. Rows, their order
 * and columns, totals and monthly sums must agree after the API's rounding (energy sums to 3 decimals; the oracle
 * sums exactly). A broken filter, sort, page, total or month fails it (each was tried).
 */
class ServingOracleTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 6, 30);
    private static final int DAYS = (int) ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY) + 1;
    /** 90 synthetic plants of 3 units: "plant 1" names 11 of them (1, 10 … 19), about 7,200 events. */
    private static final int SYNTHETIC_GENERATORS = 270;

    private static final long SEED = 17;
    private static final int DATA_REQUESTS = 500;
    private static final int MONTHLY_REQUESTS = 200;
    private static final int PLANTS_REQUESTS = 100;
    private static final int TOP_PLANTS_REQUESTS = 100;

    private static final List<String> SORTS =
            List.of("start_date", "duration_hours", "energy_lost_mwh", "peak_outage_mw", "plant_name", "outage_id");
    private static final List<String> NAMES =
            List.of("plant 1", "plant 4", "lant", "ferry", "FeRrY", "palo verde", "o", "plant 89", "no such plant");
    private static final List<String> METRICS = List.of("outage_hours", "energy_lost_mwh", "events");

    private static final List<String> PLANS = List.of(
            "few plants, sorted",
            "some plants, marked",
            "ongoing",
            "narrow slice, sorted",
            "broad, counted by plant",
            "broad, counted in a pass");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern README_EXAMPLE =
            Pattern.compile("localhost:8080(/(?:data|plants|analytics/monthly|analytics/top-plants)(?:\\?[^'\\s]*)?)");

    @TempDir
    static Path work;

    private static DuckDb duckDb;
    private static Snapshot snapshot;
    private static OutageQueries engine;
    private static Connection oracle;
    private static long events;
    private static List<Integer> plantKeys;
    private static List<String> facilities;

    @BeforeAll
    static void publishSnapshot() throws Exception {
        PipelineProperties properties = TestSettings.properties(work);
        duckDb = new DuckDb();
        SampleRawRun.write(duckDb, work.resolve("data"), "20260701T000000000Z", LAST_DAY);
        SyntheticOutages.writeRaw(work.resolve("data"), SYNTHETIC_GENERATORS, FIRST_DAY, DAYS, "20260701T000000001Z");
        SnapshotPublisher publisher = new SnapshotPublisher(properties, JSON);
        TestModels.builder(properties, duckDb, publisher).build();
        snapshot = publisher.current().orElseThrow();
        engine = new OutageQueries(new ServingSnapshots(duckDb, publisher));
        oracle = duckDb.connect();
        List<Map<String, Object>> plants = rows(query("oracle/plants.sql", null, null, 0L, Integer.MAX_VALUE));
        plantKeys = plants.stream()
                .map(p -> ((Number) p.get("plant_key")).intValue())
                .toList();
        facilities = plants.stream()
                .map(p -> (String) p.get("facility_id"))
                .distinct()
                .toList();
        Object[] everything = new Object[6];
        events = ((Number)
                        rows(query("oracle/data_reach.sql", everything)).get(0).get("events"))
                .longValue();
        // Big enough for every plan of EventFilter (see plan()), with ongoing and ended events.
        assertThat(events).isGreaterThan(8L * 4096);
        Object[] ongoingOnly = {null, null, null, null, null, null, true, null, null, 0L, 1};
        assertThat(rows(query("oracle/data.sql", ongoingOnly))).isNotEmpty();
    }

    @AfterAll
    static void close() throws Exception {
        oracle.close();
        duckDb.close();
    }

    @Test
    void data_answers_what_sql_over_the_snapshot_answers_for_random_requests() throws Exception {
        Random random = new Random(SEED);
        Map<String, Integer> plans = new TreeMap<>();
        for (int i = 0; i < DATA_REQUESTS; i++) {
            plans.merge(checkData(randomDataRequest(random)), 1, Integer::sum);
        }
        // The requests reached every plan of EventFilter, so each was checked.
        assertThat(plans)
                .as("requests per plan")
                .containsOnlyKeys(PLANS)
                .allSatisfy((plan, requests) -> assertThat(requests).as(plan).isGreaterThanOrEqualTo(10));
    }

    @Test
    void monthly_sums_are_what_sql_over_the_snapshot_sums_for_random_requests() throws Exception {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < MONTHLY_REQUESTS; i++) {
            Map<String, String> request = new LinkedHashMap<>();
            randomRange(random, request);
            if (random.nextInt(4) == 0) {
                request.put("facility_id", randomFacility(random));
            }
            checkMonthly(request);
        }
    }

    @Test
    void plants_and_top_plants_total_what_sql_over_the_snapshot_totals_for_random_requests() throws Exception {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < PLANTS_REQUESTS; i++) {
            Map<String, String> request = new LinkedHashMap<>();
            if (random.nextBoolean()) {
                request.put("name", NAMES.get(random.nextInt(NAMES.size())));
            }
            if (random.nextInt(4) == 0) {
                request.put("facility_id", randomFacility(random));
            }
            if (random.nextBoolean()) {
                request.put("limit", String.valueOf(1 + random.nextInt(50)));
                request.put("page", String.valueOf(1 + random.nextInt(4)));
            }
            checkPlants(request);
        }
        for (int i = 0; i < TOP_PLANTS_REQUESTS; i++) {
            Map<String, String> request = new LinkedHashMap<>();
            randomRange(random, request);
            if (random.nextInt(4) != 0) {
                request.put("metric", METRICS.get(random.nextInt(METRICS.size())));
            }
            if (random.nextBoolean()) {
                request.put("limit", String.valueOf(1 + random.nextInt(100)));
            }
            checkTopPlants(request);
        }
    }

    /**
     * Every request to these endpoints the README shows with {@code curl}: answered as SQL answers it, or, where the
     * README shows a 400 answer, refused naming the parameter that answer names.
     */
    @Test
    void every_readme_example_answers_what_sql_over_the_snapshot_answers() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = README_EXAMPLE.matcher(readme);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String example = m.group(1);
            JsonNode shown = answerShownAfter(readme, m.end());
            int q = example.indexOf('?');
            String path = q < 0 ? example : example.substring(0, q);
            Map<String, String> request = q < 0 ? new LinkedHashMap<>() : parameters(example.substring(q + 1));
            try {
                switch (path) {
                    case "/data" -> checkData(request);
                    case "/plants" -> checkPlants(request);
                    case "/analytics/monthly" -> checkMonthly(request);
                    case "/analytics/top-plants" -> checkTopPlants(request);
                    default -> fail("no oracle for " + path);
                }
                assertThat(shown == null ? 200 : shown.path("status").asInt(200))
                        .as("README's answer to %s", example)
                        .isEqualTo(200);
            } catch (BadParameterException refused) {
                assertThat(shown)
                        .as("%s is refused (%s), so the README must show its 400 answer", example, refused.getMessage())
                        .isNotNull();
                assertThat(shown.path("status").asInt()).isEqualTo(400);
                assertThat(shown.path("parameter").asText()).isEqualTo(refused.parameter());
            }
            checked.add(example);
        }
        assertThat(checked)
                .as("README examples")
                .contains(
                        "/data?plant_name=ferry&sort=-energy_lost_mwh&limit=1",
                        "/data",
                        "/data?limit=5000",
                        "/plants?name=ferry",
                        "/analytics/monthly?start_date=2025-01-01&end_date=2025-06-30&facility_id=46");
    }

    // ---- requests, sent to the engine and to the oracle

    /** Sends a GET /data request to both; answers which of the engine's plans it took (see {@link #plan}). */
    private static String checkData(Map<String, String> request) throws Exception {
        JsonNode answer = JSON.valueToTree(engine.data(headers(request)));
        int page = integer(request, "page", 1);
        int limit = integer(request, "limit", 100);
        Object[] filters = {
            date(request, "start_date"),
            date(request, "end_date"),
            request.get("facility_id"),
            request.get("generator"),
            request.containsKey("plant_key") ? Integer.valueOf(request.get("plant_key")) : null,
            request.get("plant_name"),
            request.containsKey("ongoing") ? Boolean.valueOf(request.get("ongoing")) : null,
            request.containsKey("min_duration_hours") ? Integer.valueOf(request.get("min_duration_hours")) : null,
            request.get("sort")
        };
        assertThat(answer.path("page").asInt()).as("page of %s", request).isEqualTo(page);
        assertThat(answer.path("limit").asInt()).as("limit of %s", request).isEqualTo(limit);
        assertThat(answer.path("snapshot").asText()).isEqualTo(snapshot.id());
        compare("/data " + request, answer, "oracle/data.sql", filters, (long) (page - 1) * limit, limit);
        return plan(request, filters);
    }

    /**
     * Which of {@link EventFilter}'s plans a request takes, by its thresholds (4,096 candidates; an eighth and a
     * sixteenth of all events), from SQL counts of the events its plant filters and its date range leave.
     */
    private static String plan(Map<String, String> request, Object[] filters) throws SQLException {
        Map<String, Object> reach =
                rows(query("oracle/data_reach.sql", Arrays.copyOf(filters, 6))).get(0);
        Number plantEvents = (Number) reach.get("plant_events");
        long slice = ((Number) reach.get("slice_events")).longValue();
        String sort = request.getOrDefault("sort", "start_date");
        if (plantEvents != null && plantEvents.longValue() <= 4096) {
            return "few plants, sorted";
        }
        if (plantEvents != null && plantEvents.longValue() <= events / 8) {
            return "some plants, marked";
        }
        if ("true".equals(request.get("ongoing"))) {
            return "ongoing";
        }
        if (slice <= events / 16 && !sort.equals("start_date")) {
            return "narrow slice, sorted";
        }
        return plantEvents != null && !request.containsKey("ongoing") && !request.containsKey("min_duration_hours")
                ? "broad, counted by plant"
                : "broad, counted in a pass";
    }

    private static void checkMonthly(Map<String, String> request) throws Exception {
        JsonNode answer = JSON.valueToTree(engine.monthly(headers(request)));
        List<Map<String, Object>> expected = rows(query(
                "oracle/monthly.sql",
                date(request, "start_date"),
                date(request, "end_date"),
                request.get("facility_id")));
        assertThat(answer.path("snapshot").asText()).isEqualTo(snapshot.id());
        compareRows("/analytics/monthly " + request, answer.path("data"), expected);
    }

    private static void checkPlants(Map<String, String> request) throws Exception {
        JsonNode answer = JSON.valueToTree(engine.plants(headers(request)));
        int page = integer(request, "page", 1);
        int limit = integer(request, "limit", 100);
        Object[] filters = {request.get("name"), request.get("facility_id")};
        compare("/plants " + request, answer, "oracle/plants.sql", filters, (long) (page - 1) * limit, limit);
    }

    private static void checkTopPlants(Map<String, String> request) throws Exception {
        JsonNode answer = JSON.valueToTree(engine.topPlants(headers(request)));
        List<Map<String, Object>> expected = rows(query(
                "oracle/top_plants.sql",
                request.get("metric"),
                date(request, "start_date"),
                date(request, "end_date"),
                integer(request, "limit", 10)));
        compareRows("/analytics/top-plants " + request, answer.path("data"), expected);
    }

    /**
     * A paged answer against a paged oracle query ({@code filters}, then the rows before the page and the page size):
     * its total and its rows. The oracle's rows carry the total; a page past the end has none, so the first row of
     * the same query tells it.
     */
    private static void compare(
            String request, JsonNode answer, String oracleSql, Object[] filters, long offset, int limit)
            throws SQLException {
        List<Map<String, Object>> expected = rows(query(oracleSql, paged(filters, offset, limit)));
        List<Map<String, Object>> first =
                expected.isEmpty() && offset > 0 ? rows(query(oracleSql, paged(filters, 0, 1))) : expected;
        long total = first.isEmpty() ? 0 : ((Number) first.get(0).get("total")).longValue();
        assertThat(answer.path("total").asLong()).as("total of %s", request).isEqualTo(total);
        for (Map<String, Object> row : expected) {
            row.remove("total");
        }
        compareRows(request, answer.path("data"), expected);
    }

    private static Object[] paged(Object[] filters, long offset, int limit) {
        Object[] parameters = Arrays.copyOf(filters, filters.length + 2);
        parameters[filters.length] = offset;
        parameters[filters.length + 1] = limit;
        return parameters;
    }

    /** Row by row, field by field: the same names in the same order, and the same values. */
    private static void compareRows(String request, JsonNode actual, List<Map<String, Object>> expected) {
        List<String> differences = new ArrayList<>();
        if (actual.size() != expected.size()) {
            differences.add(actual.size() + " rows, SQL answers " + expected.size());
        }
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            JsonNode row = actual.get(i);
            List<String> names = new ArrayList<>();
            row.fieldNames().forEachRemaining(names::add);
            if (!names.equals(new ArrayList<>(expected.get(i).keySet()))) {
                differences.add("row " + i + " has fields " + names + ", SQL answers "
                        + expected.get(i).keySet());
                continue;
            }
            for (Map.Entry<String, Object> field : expected.get(i).entrySet()) {
                if (!same(row.get(field.getKey()), field.getValue())) {
                    differences.add("row " + i + " " + field.getKey() + " is " + row.get(field.getKey())
                            + ", SQL answers " + field.getValue() + " (row " + row + ")");
                }
            }
        }
        assertThat(differences.subList(0, Math.min(differences.size(), 5)))
                .as("%s (%d differences, the first shown)", request, differences.size())
                .isEmpty();
    }

    /** A JSON value of the API against a value of DuckDB: exact, decimals by value (1.5 is 1.500). */
    private static boolean same(JsonNode value, Object expected) {
        if (expected == null) {
            return value.isNull();
        }
        if (expected instanceof BigDecimal decimal) {
            return value.isNumber() && value.decimalValue().compareTo(decimal) == 0;
        }
        if (expected instanceof Double || expected instanceof Float) {
            return value.isNumber() && value.doubleValue() == ((Number) expected).doubleValue();
        }
        if (expected instanceof Number number) {
            return value.isIntegralNumber()
                    && value.bigIntegerValue().equals(new BigDecimal(number.toString()).toBigInteger());
        }
        if (expected instanceof Boolean flag) {
            return value.isBoolean() && value.booleanValue() == flag;
        }
        return value.isTextual() && value.textValue().equals(expected.toString());
    }

    // ---- random requests

    private static Map<String, String> randomDataRequest(Random r) {
        Map<String, String> request = new LinkedHashMap<>();
        if (r.nextInt(100) < 12) {
            request.put("facility_id", randomFacility(r));
        }
        if (r.nextInt(100) < 20) {
            request.put("generator", String.valueOf(1 + r.nextInt(4)));
        }
        if (r.nextInt(100) < 5) {
            request.put("plant_key", String.valueOf(plantKeys.get(r.nextInt(plantKeys.size()))));
        }
        if (r.nextInt(100) < 40) {
            request.put("plant_name", r.nextBoolean() ? "plant " + r.nextInt(10) : NAMES.get(r.nextInt(NAMES.size())));
        }
        if (r.nextInt(2) == 0) {
            randomRange(r, request);
        }
        switch (r.nextInt(10)) {
            case 0 -> request.put("ongoing", "true");
            case 1 -> request.put("ongoing", "false");
            default -> {}
        }
        if (r.nextInt(4) == 0) {
            request.put(
                    "min_duration_hours",
                    String.valueOf(List.of(0, 24, 48, 72, 120, 500).get(r.nextInt(6))));
        }
        if (r.nextInt(5) != 0) {
            request.put("sort", (r.nextBoolean() ? "-" : "") + SORTS.get(r.nextInt(SORTS.size())));
        }
        if (r.nextInt(4) != 0) {
            request.put("limit", String.valueOf(r.nextInt(10) == 0 ? 1000 : 1 + r.nextInt(100)));
        }
        if (r.nextInt(3) != 0) {
            request.put("page", String.valueOf(r.nextInt(4) == 0 ? 1 + r.nextInt(300) : 1 + r.nextInt(5)));
        }
        return request;
    }

    /** Start and end days around the snapshot's days: narrow and broad, open at either end, or one day. */
    private static void randomRange(Random r, Map<String, String> request) {
        LocalDate start = FIRST_DAY.minusDays(40).plusDays(r.nextInt(DAYS + 80));
        int[] spans = {0, 10, 40, 120, 300, 1000};
        LocalDate end = start.plusDays(spans[r.nextInt(spans.length)] + r.nextInt(20));
        int open = r.nextInt(6);
        if (open != 0) {
            request.put("start_date", start.toString());
        }
        if (open != 1) {
            request.put("end_date", end.toString());
        }
    }

    private static String randomFacility(Random r) {
        return r.nextInt(20) == 0 ? "999999" : facilities.get(r.nextInt(facilities.size()));
    }

    // ---- plumbing

    /** The parameters as platform-http hands them to the beans: message headers, one value each. */
    private static Map<String, Object> headers(Map<String, String> request) {
        return new LinkedHashMap<>(request);
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** The JSON answer the README prints right after the code block that ends after {@code from}, if any. */
    private static JsonNode answerShownAfter(String readme, int from) throws Exception {
        int blockEnd = readme.indexOf("```", from);
        String rest = readme.substring(blockEnd + 3).stripLeading();
        if (!rest.startsWith("```json")) {
            return null;
        }
        String json = rest.substring("```json".length(), rest.indexOf("```", 7));
        // The README abbreviates long answers with ", ..."; what is left is enough to read status and parameter.
        return JSON.readTree(json.replaceAll(",\\s*\\.\\.\\.\\s*(?=[}\\]])", ""));
    }

    private static int integer(Map<String, String> request, String name, int absent) {
        return request.containsKey(name) ? Integer.parseInt(request.get(name)) : absent;
    }

    private static Date date(Map<String, String> request, String name) {
        return request.containsKey(name) ? Date.valueOf(LocalDate.parse(request.get(name))) : null;
    }

    private static PreparedStatement query(String sqlOrFile, Object... parameters) throws SQLException {
        String sql = sqlOrFile.endsWith(".sql") ? duckDb.sql(sqlOrFile) : sqlOrFile;
        PreparedStatement statement =
                oracle.prepareStatement(sql.replace("{{fact_outage}}", DuckDb.literal(snapshot.table("fact_outage")))
                        .replace("{{dim_plant}}", DuckDb.literal(snapshot.table("dim_plant")))
                        .replace("{{dim_date}}", DuckDb.literal(snapshot.table("dim_date"))));
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static List<Map<String, Object>> rows(PreparedStatement statement) throws SQLException {
        try (statement;
                ResultSet rs = statement.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    row.put(meta.getColumnLabel(c), rs.getObject(c));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
