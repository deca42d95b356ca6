package io.github.eiaoutages.serve;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;

/**
 * The query parameters of one request, read as typed values. platform-http hands them over as message headers,
 * mixed with the HTTP headers, so only the names an endpoint asks for are ever looked at.
 */
final class RequestParameters {

    private final Map<String, Object> headers;

    RequestParameters(Map<String, Object> headers) {
        this.headers = headers;
    }

    /** The parameter's text, or null when absent or empty. Repeated parameters are refused, not guessed at. */
    String text(String name, int maxLength) {
        Object value = headers.get(name);
        if (value instanceof Collection<?> values) {
            if (values.size() > 1) {
                throw new BadParameterException(name, "is given " + values.size() + " times; give it once");
            }
            value = values.isEmpty() ? null : values.iterator().next();
        }
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > maxLength) {
            throw new BadParameterException(name, "is longer than " + maxLength + " characters");
        }
        return text;
    }

    int integer(String name, int min, int max, int defaultValue) {
        String text = text(name, 12);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new BadParameterException(name, "must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, "must be a whole number between " + min + " and " + max);
        }
    }

    LocalDate date(String name) {
        String text = text(name, 10);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, "must be a date as YYYY-MM-DD, e.g. 2025-01-31");
        }
    }

    boolean flag(String name) {
        String text = text(name, 5);
        if (text == null) {
            return false;
        }
        return switch (text.toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadParameterException(name, "must be true or false");
        };
    }
}
