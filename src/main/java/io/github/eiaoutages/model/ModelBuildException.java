package io.github.eiaoutages.model;

/** Building the star schema failed; the previous snapshot stays live. The message carries the cause's. */
public class ModelBuildException extends RuntimeException {

    public ModelBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
