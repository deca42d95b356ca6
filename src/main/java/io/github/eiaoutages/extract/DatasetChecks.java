package io.github.eiaoutages.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.PipelineProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks a dataset's {@code frequency}, {@code facets} and {@code data} against EIA's own metadata at the start of
 * its first run, and of its first run after {@code route}, {@code frequency}, {@code facets} or {@code data}
 * changed: EIA answers a facet value that does not exist (a typo, {@code ERCOT} for {@code ERCO}) with 200 and no
 * rows, so without this a config error silently copies nothing. Never at startup, which must not need EIA.
 *
 * <p>What was checked is kept in {@code data/raw/<dataset>/_spec.json}; a problem fails the run before anything
 * is fetched, naming the key, the bad value and up to 3 close valid ids (case-insensitive edit distance ≤ 2).
 */
@Component("datasetChecks")
public class DatasetChecks {

    static final String SPEC_FILE = "_spec.json";
    private static final int MAX_DISTANCE = 2;
    private static final int MAX_SUGGESTIONS = 3;
    private static final Logger log = LoggerFactory.getLogger(DatasetChecks.class);

    private final DatasetCatalog datasets;
    private final EiaEndpoint endpoint;
    private final ObjectMapper mapper;
    private final Path rawDir;
    private final LevenshteinDistance distance = new LevenshteinDistance(MAX_DISTANCE);

    public DatasetChecks(
            DatasetCatalog datasets, EiaEndpoint endpoint, ObjectMapper mapper, PipelineProperties properties) {
        this.datasets = datasets;
        this.endpoint = endpoint;
        this.mapper = mapper;
        this.rawDir = properties.storage().rawDir();
    }

    /** What the check looked at; a change of any of it checks the dataset again. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CheckedSpec(
            String route, String frequency, List<String> data, Map<String, List<String>> facets, String checkedAt) {

        static CheckedSpec of(DatasetSpec dataset) {
            Map<String, List<String>> facets = new TreeMap<>();
            dataset.facets()
                    .forEach((id, values) ->
                            facets.put(id, values.stream().sorted().toList()));
            return new CheckedSpec(
                    dataset.route(),
                    dataset.frequency().eiaName(),
                    dataset.data().stream().sorted().toList(),
                    facets,
                    null);
        }

        boolean sameAs(CheckedSpec other) {
            return route.equals(other.route)
                    && frequency.equals(other.frequency)
                    && data.equals(other.data)
                    && facets.equals(other.facets);
        }
    }

    /** True when the dataset was never checked, or its route, frequency, facets or data changed since. */
    public boolean needed(String datasetId) {
        Path file = specFile(datasetId);
        if (!Files.exists(file)) {
            return true;
        }
        try {
            return !mapper.readValue(file.toFile(), CheckedSpec.class).sameAs(CheckedSpec.of(datasets.get(datasetId)));
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** The requests of a check of {@code datasetId}. */
    public DatasetCheck start(String datasetId) {
        DatasetSpec dataset = datasets.get(datasetId);
        log.info(
                "{}: checking route, frequency, facets and data against EIA's metadata (first run with this configuration)",
                datasetId);
        return new DatasetCheck(dataset, endpoint.baseUrl() + "/" + dataset.route());
    }

    /** Reads one answer of the check; an error answer fails the run like an error page would (or is retried). */
    public void take(DatasetCheck check, InputStream body, Integer status) {
        int code = status == null ? 200 : status;
        JsonNode root;
        try {
            root = body == null ? null : mapper.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        DatasetSpec dataset = check.dataset();
        if (code != 200 || (root != null && root.has("error"))) {
            throw EiaPageParser.classify(
                    code,
                    root == null
                            ? EiaPageParser.EiaError.NONE
                            : EiaPageParser.EiaError.of(
                                    root.path("error"), root.path("code").asText(null)),
                    dataset);
        }
        if (root == null || !root.path("response").isObject()) {
            throw new EiaMalformedResponseException(
                    "EIA answered " + check.url().replace(endpoint.baseUrl(), "")
                            + " with a body that is not the expected JSON; the API may be down or behind a proxy page");
        }
        check.answered(root.path("response"));
    }

    /**
     * Compares the configuration with EIA's answers; every mismatch is reported at once. On success the checked
     * configuration is kept, so later runs skip the check until it changes.
     *
     * @throws EiaResponseException naming each bad key and value with close valid ids
     */
    public void verify(DatasetCheck check) {
        DatasetSpec dataset = check.dataset();
        String where = "pipeline.datasets." + dataset.id();
        JsonNode metadata = check.metadata();
        List<String> problems = new ArrayList<>();
        List<String> frequencies = ids(metadata.path("frequency"));
        if (!frequencies.isEmpty() && !frequencies.contains(dataset.frequency().eiaName())) {
            problems.add(where + ".frequency: EIA's " + dataset.route() + " has no frequency '"
                    + dataset.frequency().eiaName() + "'; it offers " + String.join(", ", frequencies));
        }
        List<String> facetIds = ids(metadata.path("facets"));
        for (String facet : dataset.facets().keySet()) {
            if (!facetIds.isEmpty() && !facetIds.contains(facet)) {
                problems.add(where + ".facets: EIA's " + dataset.route() + " has no facet '" + facet + "'"
                        + suggest(facet, facetIds, dataset.route() + "/facet/"));
                continue;
            }
            List<String> valid = ids(check.facetValues(facet).path("facets"));
            for (String value : dataset.facets().get(facet)) {
                if (!valid.contains(value)) {
                    problems.add(where + ".facets." + facet + ": EIA has no " + facet + " '" + value + "' on "
                            + dataset.route() + suggest(value, valid, dataset.route() + "/facet/" + facet + "/"));
                }
            }
        }
        JsonNode data = metadata.path("data");
        if (data.isObject() && data.size() > 0) {
            List<String> columns = StreamSupport.stream(((Iterable<String>) data::fieldNames).spliterator(), false)
                    .toList();
            for (String column : dataset.data()) {
                if (!columns.contains(column)) {
                    problems.add(where + ".data: EIA's " + dataset.route() + " has no data column '" + column + "'"
                            + suggest(column, columns, dataset.route() + "/"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new EiaResponseException("The configuration of " + dataset.id() + " does not match EIA's metadata "
                    + "(nothing was fetched): " + String.join("; ", problems));
        }
        remember(dataset);
    }

    /**
     * {@code ; did you mean ERCO?} with up to 3 valid ids within edit distance 2, ignoring case; else the valid ids,
     * or where EIA lists them when there are many.
     */
    String suggest(String wrong, List<String> valid, String listedAt) {
        String lower = wrong.toLowerCase(Locale.ROOT);
        List<String> close = valid.stream()
                .filter(v -> distance.apply(lower, v.toLowerCase(Locale.ROOT)) >= 0)
                .sorted(Comparator.comparingInt((String v) -> distance.apply(lower, v.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(MAX_SUGGESTIONS)
                .toList();
        if (!close.isEmpty()) {
            return "; did you mean " + String.join(" or ", close) + "?";
        }
        return valid.size() <= 10
                ? "; valid: " + String.join(", ", valid)
                : "; none of EIA's " + valid.size() + " ids is close (GET " + listedAt + " lists them)";
    }

    private void remember(DatasetSpec dataset) {
        CheckedSpec checked = CheckedSpec.of(dataset);
        Path file = specFile(dataset.id());
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(SPEC_FILE + ".tmp");
            mapper.writerWithDefaultPrettyPrinter()
                    .writeValue(
                            temp.toFile(),
                            new CheckedSpec(
                                    checked.route(),
                                    checked.frequency(),
                                    checked.data(),
                                    checked.facets(),
                                    Instant.now()
                                            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                                            .toString()));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private Path specFile(String datasetId) {
        return rawDir.resolve(datasetId).resolve(SPEC_FILE);
    }

    /** The {@code id} of each element of an EIA list ({@code [{"id":"ERCO","name":…}, …]}). */
    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(item -> {
            if (item.hasNonNull("id")) {
                ids.add(item.get("id").asText());
            }
        });
        return ids;
    }
}
