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

    /** True when the request names the parameter, even with an empty value ({@code ?start=}). */
    boolean given(String name) {
        return headers.containsKey(name);
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

    /** An integer in [min, max], or null when absent. */
    Integer optionalInteger(String name, int min, int max) {
        return text(name, 12) == null ? null : integer(name, min, max, 0);
    }

    /** An id of letters, digits and - or _ (EIA plant and generator ids), or null when absent. */
    String code(String name, String example) {
        String text = text(name, 16);
        if (text != null && !text.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            throw new BadParameterException(name, "must be " + example + " (letters, digits, - and _ only)");
        }
        return text;
    }

    /** One of the given words, or the default when absent. */
    String choice(String name, java.util.List<String> accepted, String defaultValue) {
        String text = text(name, 40);
        if (text == null) {
            return defaultValue;
        }
        if (!accepted.contains(text)) {
            throw new BadParameterException(name, "must be one of " + String.join(", ", accepted));
        }
        return text;
    }

    Boolean optionalFlag(String name) {
        return text(name, 5) == null ? null : flag(name);
    }

    LocalDate date(String name) {
        String text = text(name, 10);
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.getYear() < 1900 || date.getYear() > 9999) {
                throw new BadParameterException(name, "must be a date between 1900-01-01 and 9999-12-31");
            }
            return date;
        } catch (DateTimeParseException e) {
            if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                // The shape is right, the day is not: say so instead of repeating the format.
                throw new BadParameterException(
                        name,
                        "is " + text + ", a day that does not exist ("
                                + e.getMessage().replaceAll(".*: ", "")
                                + "); give a date as YYYY-MM-DD, e.g. 2025-01-31");
            }
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
