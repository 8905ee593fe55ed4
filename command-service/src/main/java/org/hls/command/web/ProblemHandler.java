package org.hls.command.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.mongodb.MongoException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializationException;
import org.hls.command.CommandRefused;
import org.hls.command.eventstore.UnconfirmedCommitException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every refusal as RFC 9457 problem details; never a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(CommandRefused.class)
    ProblemDetail refused(CommandRefused refused) {
        HttpStatus status = switch (refused.refusal()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        if (refused.field() == null) {
            return ProblemDetail.forStatusAndDetail(status, refused.getMessage());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, refused.field() + " " + refused.getMessage());
        problem.setTitle("Invalid input");
        problem.setProperty("errors", List.of(Map.of("field", refused.field(), "message", refused.getMessage())));
        return problem;
    }

    @ExceptionHandler({AggregateNotFoundException.class, Ids.UnknownIdException.class})
    ProblemDetail unknown() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Nothing exists with this id.");
    }

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail concurrent() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Someone changed this at the same moment; nothing was recorded. Try again.");
    }

    @ExceptionHandler(UnconfirmedCommitException.class)
    ProblemDetail storeUnconfirmed(UnconfirmedCommitException e) {
        log.warn("Event store did not confirm a commit: {}", String.valueOf(e.getCause()));
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The event store went away while "
                + "recording this and could not say whether it was recorded. Check before sending it again.");
    }

    @ExceptionHandler({EventStoreException.class, MongoException.class})
    ProblemDetail storeDown(RuntimeException e) {
        log.warn("Event store unavailable: {}", e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The event store is unavailable; nothing was recorded. Try again shortly.");
    }

    /** Spring Security's firewall, met while reading parameters: a form body, or a name no client would send. */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request is malformed; nothing was recorded. Send the body as application/json.");
    }

    /**
     * An event that could not be sealed because the store holding the keys is away: before anything was stored.
     * (Found by the fault campaign's outage test: a person whose key was not in memory got a 500.)
     */
    @ExceptionHandler(SerializationException.class)
    ProblemDetail notSealed(SerializationException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoException storeAway) {
                return storeDown(storeAway);
            }
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; nothing was recorded.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(e -> e.get("field") + " " + e.get("message"))
                        .collect(Collectors.joining("; ")));
        problem.setTitle("Invalid input");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (causedBy(ex, BodyLimits.BodyTooLargeException.class)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, BodyLimits.DETAIL));
        }
        if (causedBy(ex, BodyLimits.BodyTooSlowException.class)) {
            // The rest of the body may still be on its way: this connection is not to be read again.
            return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT).header(HttpHeaders.CONNECTION, "close")
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.REQUEST_TIMEOUT, BodyLimits.SLOW_DETAIL));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The body is not valid JSON for this request.");
        problem.setTitle("Malformed input");
        if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = messageFor(databind);
            problem.setDetail(field + " " + message);
            problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String messageFor(DatabindException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "must be one of " + List.of(invalid.getTargetType().getEnumConstants())
                    + " (exactly, in capitals)";
        }
        return "has the wrong type or shape";
    }
}
