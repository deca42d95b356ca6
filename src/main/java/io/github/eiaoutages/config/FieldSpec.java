package io.github.eiaoutages.config;

/**
 * One field of a dataset: its name in the EIA response, the snake_case column it is stored as, its type.
 *
 * @param index position of the field in the dataset's field list (and so in the stored record)
 */
public record FieldSpec(String name, String column, FieldType type, int index) {

    /** {@code facilityName} becomes {@code facility_name}; EIA names are camelCase, our columns snake_case. */
    static String columnFor(String eiaName) {
        StringBuilder column = new StringBuilder(eiaName.length() + 4);
        for (int i = 0; i < eiaName.length(); i++) {
            char c = eiaName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    column.append('_');
                }
                column.append(Character.toLowerCase(c));
            } else if (c == '-' || c == ' ') {
                column.append('_');
            } else {
                column.append(c);
            }
        }
        return column.toString();
    }
}
