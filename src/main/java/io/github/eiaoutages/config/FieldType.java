package io.github.eiaoutages.config;

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
    LONG
}
