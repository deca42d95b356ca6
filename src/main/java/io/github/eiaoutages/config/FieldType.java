package io.github.eiaoutages.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a field of an EIA row is typed when it is stored. EIA sends every value as a string since v2.1.6. */
public enum FieldType {
    /** Free text, kept as sent. */
    STRING,
    /** A day, {@code YYYY-MM-DD}. */
    DATE,
    /** An hour in UTC, {@code YYYY-MM-DDTHH} (EIA-930 hourly data). */
    HOUR,
    /** A decimal number; EIA may drop the leading zero ({@code ".18"}) or the point ({@code "907"}). */
    DOUBLE,
    /** A whole number. */
    LONG;

    /**
     * The type named {@code text} in application.yaml ({@code string}, {@code date}, … any case).
     *
     * @throws InvalidConfigurationException naming {@code key}, the value as written and the types there are
     */
    static FieldType of(String key, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidConfigurationException(key, "has no type; use one of " + names());
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    key, "is '" + text + "', which is not a field type; use one of " + names());
        }
    }

    private static String names() {
        return Arrays.stream(values())
                .map(t -> t.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
