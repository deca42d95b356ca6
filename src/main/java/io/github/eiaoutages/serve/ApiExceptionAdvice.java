package io.github.eiaoutages.serve;

import io.github.eiaoutages.problem.ApiException;
import io.github.eiaoutages.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's side of the error answers (the dashboard, docs and anything else a controller serves, and MVC's
 * own 400/404/405/406/415 answers): every one is a problem built by {@link Problems}, with the same members as the
 * Camel routes' answers. Spring's {@link ResponseEntityExceptionHandler} picks the status for MVC's exceptions;
 * the detail comes from {@link ErrorPages}, which says what the API takes instead.
 */
@ConditionalOnWebApplication
@RestControllerAdvice
class ApiExceptionAdvice extends ResponseEntityExceptionHandler {

    private final Problems problems;
    private final ErrorPages pages;

    ApiExceptionAdvice(Problems problems, ErrorPages pages) {
        this.problems = problems;
        this.pages = pages;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException error, HttpServletRequest request) {
        return answer(problems.of(error, request.getRequestURI()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception error, HttpServletRequest request) {
        return answer(problems.of(error, request.getRequestURI()));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = body instanceof ProblemDetail spring ? spring.getDetail() : null;
        HttpServletRequest servlet = request instanceof ServletWebRequest web ? web.getRequest() : null;
        ProblemDetail problem = pages.problem(
                status.value(),
                servlet == null ? null : servlet.getMethod(),
                servlet == null ? null : servlet.getRequestURI(),
                detail);
        return new ResponseEntity<>(problem, headers, status);
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(Problems.PROBLEM_JSON)
                .body(problem);
    }
}
