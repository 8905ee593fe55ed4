package org.hls.query.web;

import java.util.List;
import java.util.Map;

import com.mongodb.MongoException;
import org.hls.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every failure as RFC 9457 problem details in the caller's language (messages.properties); never a stack trace.
 * Refusals thrown as {@link org.springframework.web.ErrorResponseException}s with a message code are worded by the
 * base class from the same messages.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final MessageSource messages;

    ProblemHandler(MessageSource messages) {
        this.messages = messages;
        setMessageSource(messages);
    }

    @ExceptionHandler(InvalidParameter.class)
    ProblemDetail invalidParameter(InvalidParameter e) {
        String message = messages.getMessage(e, LocaleContextHolder.getLocale());
        return Problems.invalid(e.parameter(), message);
    }

    @ExceptionHandler(MongoException.class)
    ProblemDetail storeDown(MongoException e) {
        log.warn("Read model store unavailable: {}", e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, words("problem.store-down"));
    }

    /** A query parameter of the wrong type, named, in words: never the Java type of what was sent. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : String.valueOf(ex.getPropertyName());
        Class<?> type = ex.getRequiredType();
        InvalidParameter invalid = type != null && type.isEnum()
                ? new InvalidParameter(name, "invalid.one-of", List.of(type.getEnumConstants()).toString())
                : new InvalidParameter(name, "invalid.shape");
        return ResponseEntity.badRequest().body(invalidParameter(invalid));
    }

    /** A query parameter out of its bounds ({@code size=0}), named, in the reader's language. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                        "field", String.valueOf(result.getMethodParameter().getParameterName()),
                        "message", messages.getMessage(error, LocaleContextHolder.getLocale()))))
                .toList();
        return ResponseEntity.badRequest().body(Problems.invalid(errors));
    }

    /** A body whose field is refused (a rebuild's {@code source}), named, in the reader's language. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", messages.getMessage(error, LocaleContextHolder.getLocale())))
                .toList();
        return ResponseEntity.badRequest().body(Problems.invalid(errors));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, words("problem.unexpected"));
    }

    private String words(String code) {
        return messages.getMessage(code, null, LocaleContextHolder.getLocale());
    }
}
