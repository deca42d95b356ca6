package io.github.eiaoutages.alerts;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer of {@code POST /events/test} ({@link AlertDelivery#sendTest()}), for the OpenAPI document only
 * ({@code outType} in {@code routes/api.camel.yaml}): an object whose members are the enabled sinks' names, each
 * {@code delivered} or {@code failed: <why>}; {@code {}} without sinks. The answer itself stays a map, since its
 * member names are the sinks the settings name.
 */
@Schema(
        type = "object",
        additionalPropertiesSchema = String.class,
        example = "{\"webhook\":\"delivered\",\"file\":\"failed: /alerts is not writable\"}")
public final class SinkOutcomes {

    private SinkOutcomes() {}
}
