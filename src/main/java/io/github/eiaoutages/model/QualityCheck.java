package io.github.eiaoutages.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The outcome of one check of a built model.
 *
 * @param status   passed, failed, or skipped (the data it needs is not there)
 * @param failures how many items fail it
 * @param examples the first few failing items, each with what is wrong
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record QualityCheck(String name, String description, String status, long failures, List<String> examples) {

    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    public QualityCheck {
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    public boolean failed() {
        return FAILED.equals(status);
    }
}
