package org.hls.query.web;

import java.util.List;
import java.util.Map;

import com.mongodb.MongoException;
import org.hls.query.history.HistoryNotReady;
import org.hls.query.history.RebuildRunning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every failure as RFC 9457 problem details; never a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidParameter.class)
    ProblemDetail invalidParameter(InvalidParameter e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.parameter() + " " + e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.parameter(), "message", e.getMessage())));
        return problem;
    }

    @ExceptionHandler(RebuildRunning.class)
    ProblemDetail rebuildRunning(RebuildRunning e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(HistoryNotReady.class)
    ResponseEntity<ProblemDetail> historyNotReady(HistoryNotReady e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    @ExceptionHandler(MongoException.class)
    ProblemDetail storeDown(MongoException e) {
        log.warn("Read model store unavailable: {}", e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The dashboards' store is unavailable. Try again shortly.");
    }

    /** A query parameter of the wrong type, named, in words: never the Java type of what was sent. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : String.valueOf(ex.getPropertyName());
        Class<?> type = ex.getRequiredType();
        String message = type != null && type.isEnum()
                ? "must be one of " + List.of(type.getEnumConstants()) + "."
                : "has the wrong type or shape.";
        return ResponseEntity.badRequest().body(invalidParameter(new InvalidParameter(name, message)));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.");
    }
}
