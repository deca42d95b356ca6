package io.github.eiaoutages.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The members of an error answer, for the OpenAPI document only ({@code responseModel} of the error responses in
 * {@code routes/api.camel.yaml}): answers are Spring's {@link org.springframework.http.ProblemDetail}, built by
 * {@link Problems}, whose extra members ({@link ApiException#properties()}) Jackson writes at the top level, where a
 * schema of ProblemDetail itself would show a {@code properties} object instead. {@code OpenApiDocumentTest} fails
 * when an error answer has a member missing here.
 *
 * @param type always {@code about:blank}
 * @param title the status's short, fixed title ({@code Bad parameter}, {@code No model yet}, …)
 * @param status the HTTP status
 * @param detail what went wrong and what to change
 * @param instance the path asked for
 * @param parameter the query parameter refused (400)
 * @param activeRunId the run that is still active (409)
 * @param activeRunInstance the instance running it, in clustered mode (409)
 * @param since the event id {@code GET /events} no longer keeps (410)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "RFC 9457 problem, sent as application/problem+json")
public record Problem(
        @Schema(example = "about:blank") String type,
        String title,
        int status,
        String detail,
        String instance,
        String parameter,
        String activeRunId,
        String activeRunInstance,
        String since) {}
