package io.github.eiaoutages.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * How {@code pipeline.*} is bound: every mistake stops startup as an {@link InvalidConfigurationException} ("Invalid
 * setting: … Action: …") naming the key, the value and what is accepted, instead of being ignored or reported as
 * Spring's "Failed to bind … Update your application's configuration":
 * <ul>
 *   <li>a key that is not a setting (a typo such as {@code fill-gap}) is refused, with the closest known key
 *       ({@link SettingKeys}). Checked before the values' constraints, so a misspelt required key is reported as
 *       the typo it is, not as "must not be blank". Environment variables and system properties are left out, as
 *       Spring's own {@code ignoreUnknownFields = false} leaves them out: the environment holds much else;</li>
 *   <li>a value that does not convert ({@code fill-gaps: maybe}) or breaks a constraint ({@code page-size: 6000});</li>
 *   <li>a duration written as a bare number, which Spring reads as milliseconds: {@code rate-limit-budget: 15} would
 *       be 15 ms.</li>
 * </ul>
 * Other {@code @ConfigurationProperties} (server, Camel, Spring) are bound as Spring binds them.
 */
@Component
class PipelineSettingsBinding implements ConfigurationPropertiesBindHandlerAdvisor {

    static final ConfigurationPropertyName PIPELINE = ConfigurationPropertyName.of("pipeline");
    private static final Pattern MAP_KEY = Pattern.compile("\\[([^\\]\\d.][^\\].]*)]");
    private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?\\d+");

    @Override
    public BindHandler apply(BindHandler bindHandler) {
        return new Handler(bindHandler);
    }

    private static boolean ours(ConfigurationPropertyName name) {
        return PIPELINE.equals(name) || PIPELINE.isAncestorOf(name);
    }

    /** Wraps Spring's handlers (validation included), so it sees their failures and speaks first on unknown keys. */
    private static final class Handler extends AbstractBindHandler {

        /** Records what was bound, to tell which keys of the sources nothing took (Spring's own bookkeeping). */
        private final NoUnboundElementsBindHandler unbound =
                new NoUnboundElementsBindHandler(BindHandler.DEFAULT, new UnboundElementsSourceFilter());

        Handler(BindHandler parent) {
            super(parent);
        }

        @Override
        public <T> Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
            if (ours(name)) {
                unbound.onStart(name, target, context);
            }
            return super.onStart(name, target, context);
        }

        @Override
        public Object onSuccess(
                ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
            if (ours(name)) {
                unbound.onSuccess(name, target, context, result);
                if (Duration.class.equals(target.getType().resolve()) && context.getConfigurationProperty() != null) {
                    checkUnit(name, context.getConfigurationProperty().getValue(), (Duration) result);
                }
            }
            return super.onSuccess(name, target, context, result);
        }

        @Override
        public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result)
                throws Exception {
            if (PIPELINE.equals(name) && context.getDepth() == 0) {
                try {
                    unbound.onFinish(name, target, context, result);
                } catch (UnboundConfigurationPropertiesException e) {
                    throw unknownKeys(e.getUnboundProperties());
                }
            }
            super.onFinish(name, target, context, result);
        }

        @Override
        public Object onFailure(
                ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error)
                throws Exception {
            if (!ours(name) || causedBy(error, InvalidConfigurationException.class) != null) {
                return super.onFailure(name, target, context, error);
            }
            BindValidationException invalid = causedBy(error, BindValidationException.class);
            if (invalid != null) {
                throw constraintBroken(invalid);
            }
            UnboundConfigurationPropertiesException unknown =
                    causedBy(error, UnboundConfigurationPropertiesException.class);
            if (unknown != null) {
                throw unknownKeys(unknown.getUnboundProperties());
            }
            ConfigurationProperty property = context.getConfigurationProperty();
            if (property != null && property.getName().equals(name)) {
                throw new InvalidConfigurationException(
                        name.toString(), "is '" + property.getValue() + "', but must be " + accepted(target), error);
            }
            return super.onFailure(name, target, context, error);
        }
    }

    /**
     * A duration's value as written: a number without a unit is refused, since Spring would read it as milliseconds.
     */
    static void checkUnit(ConfigurationPropertyName name, Object written, Duration bound) {
        String text = String.valueOf(written).trim();
        if (written instanceof Number || BARE_NUMBER.matcher(text).matches()) {
            throw new InvalidConfigurationException(
                    name.toString(),
                    "is " + text + ", a number without a unit: " + text + " means " + text + " ms; write " + text
                            + "s or " + text + "m (or ms, h, d)");
        }
    }

    /** What a value of the target's type looks like, for "must be …". */
    static String accepted(Bindable<?> target) {
        Class<?> type = target.getType().resolve(Object.class);
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number (a decimal point, not a comma, e.g. 0.5)";
        }
        if (type == Duration.class) {
            return "a duration with a unit, e.g. 30s, 15m, 2h or 3d";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c)
                                    .name()
                                    .toLowerCase(Locale.ROOT)
                                    .replace('_', '-'))
                            .collect(Collectors.joining(", "));
        }
        if (type == Path.class) {
            return "a folder path";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list ([a, b] in YAML, or a,b)";
        }
        if (type.isRecord() || java.util.Map.class.isAssignableFrom(type)) {
            return "a section of keys, not a single value";
        }
        return "a " + type.getSimpleName();
    }

    /** The first key nothing took names the failure; the rest follow in its message. */
    static InvalidConfigurationException unknownKeys(Set<ConfigurationProperty> properties) {
        SettingKeys keys = SettingKeys.pipeline();
        List<ConfigurationPropertyName> names = new ArrayList<>(new TreeSet<>(
                properties.stream().map(ConfigurationProperty::getName).toList()));
        ConfigurationPropertyName first = names.get(0);
        StringBuilder problem = new StringBuilder(keys.explainUnknown(first));
        if (names.size() > 1) {
            problem.append(" Also not settings: ")
                    .append(names.subList(1, names.size()).stream()
                            .map(n -> n + " (" + keys.explainUnknown(n) + ")")
                            .collect(Collectors.joining(", ")));
        }
        return new InvalidConfigurationException(first.toString(), problem.toString());
    }

    /** A constraint of PipelineProperties (e.g. {@code @Max(5000)}) the value breaks, with the value. */
    static InvalidConfigurationException constraintBroken(BindValidationException invalid) {
        List<String> problems = new ArrayList<>();
        String firstKey = null;
        for (ObjectError error : invalid.getValidationErrors().getAllErrors()) {
            String key = invalid.getValidationErrors().getName().toString();
            String problem;
            if (error instanceof FieldError field) {
                // Validation names a map's entry datasets[us-nuclear-outages]; application.yaml writes it as a key.
                key = MAP_KEY.matcher(key + "." + DataObjectPropertyName.toDashedForm(field.getField()))
                        .replaceAll(".$1");
                problem = (field.getRejectedValue() == null ? "is not set" : "is '" + field.getRejectedValue() + "'")
                        + ", but " + error.getDefaultMessage();
            } else {
                problem = error.getDefaultMessage();
            }
            if (firstKey == null) {
                firstKey = key;
                problems.add(problem);
            } else {
                problems.add(key + " " + problem);
            }
        }
        return new InvalidConfigurationException(firstKey, String.join("; also ", problems), invalid);
    }

    private static <T extends Throwable> T causedBy(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
