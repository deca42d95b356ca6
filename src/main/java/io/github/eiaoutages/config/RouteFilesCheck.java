package io.github.eiaoutages.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelConfigurationProperties;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.AntPathMatcher;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.context.WebApplicationContext;

/**
 * Stops startup when the routes the application needs did not load ({@link RequiredRoutes}), naming the missing
 * files or routes, where Camel looked ({@code camel.main.routes-include-pattern}) and what to do. Camel itself
 * starts happily with no routes at all (an empty or linked {@code routes/} folder), and fails on a missing folder
 * with a bare {@code NoSuchFileException: routes}.
 *
 * <p>Two moments: a folder that does not exist is reported when this bean is made, before Camel looks into it;
 * missing routes once Camel has read the files and before it starts any route.
 */
@Component
class RouteFilesCheck implements CamelContextConfiguration {

    static final String KEY = "camel.main.routes-include-pattern";
    private static final String FILE = "file:";
    private static final String OPTIONAL = "?optional=true";

    private final String include;
    private final String exclude;
    private final boolean web;

    RouteFilesCheck(CamelConfigurationProperties camel, ApplicationContext context) {
        this.include = camel.getMain().getRoutesIncludePattern();
        this.exclude = camel.getMain().getRoutesExcludePattern();
        this.web = context instanceof WebApplicationContext;
        checkFoldersExist();
    }

    private void checkFoldersExist() {
        for (String pattern : includes()) {
            Path folder = folder(pattern);
            if (folder != null && !Files.exists(folder)) {
                throw failure(
                        "is '" + include + "', but the folder " + folder + " does not exist" + linkTarget(folder)
                                + "; the application needs the release's " + RequiredRoutes.files(web) + " there",
                        folder);
            }
        }
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        Model model = camelContext.getCamelContextExtension().getContextPlugin(Model.class);
        List<String> verbs = new ArrayList<>();
        for (RestDefinition rest : model.getRestDefinitions()) {
            rest.getVerbs().stream().map(VerbDefinition::getId).forEach(verbs::add);
        }
        Predicate<RequiredRoutes.Required> loaded = r -> switch (r.kind()) {
            case TEMPLATE -> model.getRouteTemplateDefinition(r.id()) != null;
            case ROUTE -> model.getRouteDefinition(r.id()) != null;
            case CONFIGURATION -> model.getRouteConfigurationDefinition(r.id()) != null;
            case REST_VERB -> verbs.contains(r.id());
        };
        Map<String, List<RequiredRoutes.Required>> missing = RequiredRoutes.missing(loaded, web);
        if (missing.isEmpty()) {
            return;
        }
        Path first = includes().stream()
                .map(RouteFilesCheck::folder)
                .filter(f -> f != null)
                .findFirst()
                .orElse(null);
        throw failure(
                "is '" + include + "'" + (exclude == null || exclude.isBlank() ? "" : " (less '" + exclude + "')")
                        + ": " + where(pattern -> found(camelContext, pattern)) + "; missing: "
                        + RequiredRoutes.describe(missing, web),
                first);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // Checked before start: once routes run, a missing one has already been called.
    }

    /** Each include in words: the folder and the files Camel found there, or why it found none. */
    private String where(Function<String, List<String>> found) {
        List<String> parts = new ArrayList<>();
        if (includes().isEmpty()) {
            return "no route files are read at all";
        }
        for (String pattern : includes()) {
            Path folder = folder(pattern);
            List<String> files = found.apply(pattern);
            String glob = pattern.substring(pattern.lastIndexOf('/') + 1);
            if (folder != null && Files.isSymbolicLink(folder) && files.isEmpty()) {
                Path real = realPath(folder);
                parts.add(folder + " is a link to " + real + (isEmpty(real) ? " (an empty folder)" : "")
                        + ", and Camel does not look inside a linked folder (links to files inside a real folder are fine)"
                        + (isEmpty(real) ? "" : ": point the setting at the folder itself, file:" + real + "/" + glob));
            } else if (files.isEmpty()) {
                parts.add((folder != null ? folder.toString() : pattern) + " holds no file matching " + glob
                        + (folder != null && isEmpty(folder) ? " (the folder is empty)" : ""));
            } else {
                parts.add((folder != null ? folder + " holds " : pattern + " found ") + String.join(", ", files));
            }
        }
        return String.join("; ", parts);
    }

    /** The file names Camel finds for one include, less the excluded ones, as it does when it loads routes. */
    private List<String> found(CamelContext camelContext, String pattern) {
        List<String> names = new ArrayList<>();
        String[] excludes = exclude == null || exclude.isBlank() ? new String[0] : exclude.split(",");
        try {
            for (Resource resource :
                    PluginHelper.getPackageScanResourceResolver(camelContext).findResources(pattern)) {
                if (!AntPathMatcher.INSTANCE.anyMatch(excludes, resource.getLocation())) {
                    String location = resource.getLocation();
                    names.add(location.substring(location.lastIndexOf('/') + 1));
                }
            }
        } catch (Exception e) {
            // Only to describe where Camel looked: the failure itself is the missing routes.
            return List.of();
        }
        return names.stream().sorted().toList();
    }

    private List<String> includes() {
        List<String> patterns = new ArrayList<>();
        if (include == null || include.isBlank() || "false".equals(include)) {
            return patterns;
        }
        for (String pattern : include.split(",")) {
            String p = pattern.trim();
            patterns.add(p.endsWith(OPTIONAL) ? p.substring(0, p.length() - OPTIONAL.length()) : p);
        }
        return patterns;
    }

    /** The folder a {@code file:} include looks in (absolute), or null for other schemes (classpath:). */
    static Path folder(String pattern) {
        if (!pattern.startsWith(FILE)) {
            return null;
        }
        String path = pattern.substring(FILE.length());
        String root = AntPathMatcher.INSTANCE.isPattern(path)
                ? AntPathMatcher.INSTANCE.determineRootDir(path)
                : path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
        return Path.of(root.isEmpty() ? "." : root).toAbsolutePath().normalize();
    }

    private static String linkTarget(Path folder) {
        if (!Files.isSymbolicLink(folder)) {
            return "";
        }
        try {
            return " (a link to " + Files.readSymbolicLink(folder) + ")";
        } catch (IOException e) {
            return " (a link)";
        }
    }

    private static Path realPath(Path link) {
        try {
            return link.toRealPath();
        } catch (IOException e) {
            return link;
        }
    }

    private static boolean isEmpty(Path folder) {
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static InvalidConfigurationException failure(String problem, Path folder) {
        return InvalidConfigurationException.withAction(
                KEY,
                problem,
                "Restore the missing route files from the release"
                        + (folder != null ? " into " + folder : "")
                        + " (its routes/ folder; in a clone: git checkout -- routes/), "
                        + "or point " + KEY + " at the folder that holds them, e.g. --" + KEY
                        + "=file:/path/to/routes/*.camel.yaml, "
                        + "and start again.");
    }
}
