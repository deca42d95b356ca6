package io.github.eiaoutages.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The routes of the release that the application calls by id or {@code direct:} endpoint, and the file of
 * {@code routes/} that holds each. Java starts runs through {@code direct:pipeline-run} and the schedules from the
 * {@code dataset-schedule} template, routes call one another through {@code direct:} seams, name their error
 * policy by {@code routeConfigurationId}, and the REST DSL is the API. Without them the application would start,
 * report UP, answer 404 everywhere and never run, so startup checks them ({@link RouteFilesCheck}).
 */
final class RequiredRoutes {

    /** What kind of Camel definition an id names; the kinds are looked up in different places of the model. */
    enum Kind {
        TEMPLATE("route template"),
        ROUTE("route"),
        CONFIGURATION("route configuration"),
        REST_VERB("REST operation");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One id the application needs, the release file it is in, and whether only a web server needs it. */
    record Required(String file, Kind kind, String id, boolean webOnly) {}

    /** The release's routes/ folder, as README's "Routes" table lists it. */
    static final List<Required> RELEASE = release();

    private RequiredRoutes() {}

    private static List<Required> release() {
        List<Required> all = new ArrayList<>();
        String ingest = "ingest.camel.yaml";
        all.add(new Required(ingest, Kind.TEMPLATE, "dataset-schedule", false));
        for (String id : List.of(
                "startup-trigger",
                "pipeline-run",
                "eia-page-loop",
                "eia-check-dataset",
                "eia-fetch-metadata",
                "eia-fetch-page",
                "eia-request",
                "progress-log")) {
            all.add(new Required(ingest, Kind.ROUTE, id, false));
        }
        for (String id : List.of("raw-records", "raw-parts", "raw-flush")) {
            all.add(new Required("records.camel.yaml", Kind.ROUTE, id, false));
        }
        all.add(new Required("model.camel.yaml", Kind.ROUTE, "model-build", false));
        for (String id : List.of("api-errors", "pipeline-errors", "eia-fetch-retries")) {
            all.add(new Required("errors.camel.yaml", Kind.CONFIGURATION, id, false));
        }
        // The API exists only with a web server: one-shot runs with a key start none and leave api.camel.yaml out
        // on purpose (run.OneShotModeSettings).
        String api = "api.camel.yaml";
        for (String id : List.of(
                "get-data",
                "get-plants",
                "get-top-plants",
                "get-monthly",
                "get-national",
                "get-datasets",
                "get-runs",
                "get-run",
                "post-refresh")) {
            all.add(new Required(api, Kind.REST_VERB, id, true));
        }
        for (String id : List.of(
                "data-api",
                "plants-api",
                "top-plants-api",
                "monthly-api",
                "national-api",
                "datasets-api",
                "runs-api",
                "run-api",
                "refresh-api")) {
            all.add(new Required(api, Kind.ROUTE, id, true));
        }
        return List.copyOf(all);
    }

    /**
     * What is missing of the release's routes, by file, or an empty map.
     *
     * @param loaded whether Camel's model holds the definition
     * @param web whether a web server runs (the API's routes are needed only then)
     */
    static Map<String, List<Required>> missing(Predicate<Required> loaded, boolean web) {
        return RELEASE.stream()
                .filter(r -> web || !r.webOnly())
                .filter(loaded.negate())
                .collect(Collectors.groupingBy(Required::file, LinkedHashMap::new, Collectors.toList()));
    }

    /** The release's files the application needs, e.g. {@code ingest.camel.yaml, …, errors.camel.yaml and api.camel.yaml}. */
    static String files(boolean web) {
        List<String> files = RELEASE.stream()
                .filter(r -> web || !r.webOnly())
                .map(Required::file)
                .distinct()
                .toList();
        return files.size() == 1
                ? files.get(0)
                : String.join(", ", files.subList(0, files.size() - 1)) + " and " + files.get(files.size() - 1);
    }

    /**
     * The missing ids in words: files none of whose routes loaded by name, otherwise the ids a file lacks, e.g.
     * {@code ingest.camel.yaml (the whole file); route raw-flush (of records.camel.yaml)}.
     */
    static String describe(Map<String, List<Required>> missing, boolean web) {
        List<String> whole = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        missing.forEach((file, ids) -> {
            long inFile = RELEASE.stream()
                    .filter(r -> r.file().equals(file) && (web || !r.webOnly()))
                    .count();
            if (ids.size() == inFile) {
                whole.add(file);
                return;
            }
            Map<Kind, List<String>> byKind = ids.stream()
                    .collect(Collectors.groupingBy(
                            Required::kind, LinkedHashMap::new, Collectors.mapping(Required::id, Collectors.toList())));
            parts.add(byKind.entrySet().stream()
                            .map(e -> e.getKey().label
                                    + (e.getValue().size() > 1 ? "s " : " ")
                                    + String.join(", ", e.getValue()))
                            .collect(Collectors.joining(", "))
                    + " (of " + file + ")");
        });
        if (!whole.isEmpty()) {
            parts.add(0, String.join(", ", whole) + (whole.size() == 1 ? " (the whole file)" : " (whole files)"));
        }
        return String.join("; ", parts);
    }
}
