package io.github.eiaoutages.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * The keys under {@code pipeline.} that mean something, read from {@link PipelineProperties} itself (record
 * components in kebab-case), so a typo such as {@code fill-gap} can be answered with the key that was meant.
 * A dataset id ({@code datasets.<id>}) is any name; a dataset's {@code fields}, {@code facets} and
 * {@code checks.at-most} are free maps (column name → type, facet → values, field → limit): any key below them is
 * theirs.
 */
final class SettingKeys {

    /** A dataset id: any name. */
    private static final String ANY = "*";

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    /** A level of the key tree: its children by kebab-case name, or one {@link #ANY} child, or a free map. */
    private record Node(Map<String, Node> children, boolean free) {

        boolean isValue() {
            return children.isEmpty() && !free;
        }
    }

    private final String prefix;
    private final Node root;

    private SettingKeys(String prefix, Node root) {
        this.prefix = prefix;
        this.root = root;
    }

    /** The keys of {@code pipeline:}. */
    static SettingKeys pipeline() {
        return new SettingKeys("pipeline", node(PipelineProperties.class));
    }

    private static Node node(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw.isRecord()) {
            Map<String, Node> children = new LinkedHashMap<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                children.put(kebab(component.getName()), node(component.getGenericType()));
            }
            return new Node(children, false);
        }
        if (Map.class.isAssignableFrom(raw)
                && type instanceof ParameterizedType p
                && p.getActualTypeArguments()[1] instanceof Class<?> value
                && value.isRecord()) {
            return new Node(Map.of(ANY, node(value)), false);
        }
        return new Node(Map.of(), Map.class.isAssignableFrom(raw));
    }

    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Why {@code key} is not a setting, with the key closest to it: {@code did you mean
     * pipeline.datasets.us-nuclear-outages.fill-gaps?}; when nothing is close, the keys at that level instead.
     */
    String explainUnknown(ConfigurationPropertyName key) {
        Node node = root;
        List<String> known = new ArrayList<>(List.of(prefix));
        for (int i = 1; i < key.getNumberOfElements(); i++) {
            String element = key.getElement(i, ConfigurationPropertyName.Form.DASHED);
            if (node.free()) {
                return "is not a setting";
            }
            if (node.isValue()) {
                return "is not a setting: " + String.join(".", known) + " takes a value, not keys below it";
            }
            if (node.children().containsKey(ANY)) {
                known.add(key.getElement(i, ConfigurationPropertyName.Form.ORIGINAL));
                node = node.children().get(ANY);
                continue;
            }
            Node child = node.children().get(element);
            if (child != null) {
                known.add(element);
                node = child;
                continue;
            }
            String closest = node.children().keySet().stream()
                    .min(Comparator.comparingInt((String name) -> DISTANCE.apply(element, name)))
                    .orElseThrow();
            List<String> suggestion = new ArrayList<>(known);
            suggestion.add(closest);
            for (int j = i + 1; j < key.getNumberOfElements(); j++) {
                suggestion.add(key.getElement(j, ConfigurationPropertyName.Form.ORIGINAL));
            }
            // A far-off guess misleads: then the keys of that level say what there is to choose from.
            if (DISTANCE.apply(element, closest) > Math.max(2, element.length() / 3)) {
                return "is not a setting; the keys under " + String.join(".", known) + " are "
                        + String.join(", ", node.children().keySet());
            }
            return "is not a setting; did you mean " + String.join(".", suggestion) + "?";
        }
        return "is not a setting";
    }
}
