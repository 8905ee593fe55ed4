package org.hls.command.web;

import java.util.Arrays;
import java.util.Collection;
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
import org.hls.events.NewerEventException;
import org.hls.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
 * Every refusal as RFC 9457 problem details in the caller's language (messages.properties); never a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final MessageSource messages;

    ProblemHandler(MessageSource messages) {
        this.messages = messages;
        setMessageSource(messages);
    }

    @ExceptionHandler(CommandRefused.class)
    ProblemDetail refused(CommandRefused refused) {
        HttpStatus status = switch (refused.refusal()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        String message = words(refused.getCodes()[0], refused.getArguments());
        if (refused.field() == null) {
            return ProblemDetail.forStatusAndDetail(status, message);
        }
        ProblemDetail problem = Problems.invalid(refused.field(), message);
        problem.setTitle(words("problem.title.invalid"));
        return problem;
    }

    @ExceptionHandler({AggregateNotFoundException.class, Ids.UnknownIdException.class})
    ProblemDetail unknown() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, words("problem.unknown-id"));
    }

    /** Another instance changed the same record at that moment: nothing was recorded, and sent again it may be. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> concurrent() {
        return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, words("problem.concurrent")));
    }

    @ExceptionHandler(UnconfirmedCommitException.class)
    ProblemDetail storeUnconfirmed(UnconfirmedCommitException e) {
        log.warn("Event store did not confirm a commit: {}", String.valueOf(e.getCause()));
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, words("problem.store-unconfirmed"));
    }

    @ExceptionHandler({EventStoreException.class, MongoException.class})
    ProblemDetail storeDown(RuntimeException e) {
        log.warn("Event store unavailable: {}", e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, words("problem.store-down"));
    }

    /** During a rolling upgrade: what the command acts on holds an event only a newer release reads. */
    @ExceptionHandler(NewerEventException.class)
    ProblemDetail newerRelease(NewerEventException e) {
        log.warn("Refused a command on a newer release's history: {}", e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, words("problem.newer-release"));
    }

    /** Spring Security's firewall, met while reading parameters: a form body, or a name no client would send. */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, words("problem.request-rejected"));
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
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, words("problem.unexpected"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = Problems.invalid(errors);
        problem.setTitle(words("problem.title.invalid"));
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (causedBy(ex, BodyLimits.BodyTooLargeException.class)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                            words(BodyLimits.TOO_LARGE, BodyLimits.MAX_KIB)));
        }
        if (causedBy(ex, BodyLimits.BodyTooSlowException.class)) {
            // The rest of the body may still be on its way: this connection is not to be read again.
            return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT).header(HttpHeaders.CONNECTION, "close")
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.REQUEST_TIMEOUT, words(BodyLimits.TOO_SLOW)));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, words("problem.not-json"));
        if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            problem = Problems.invalid(field, messageFor(databind));
        }
        problem.setTitle(words("problem.title.malformed"));
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

    private String messageFor(DatabindException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return words("problem.field.unknown");
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return words("problem.field.one-of", List.of(invalid.getTargetType().getEnumConstants()).toString());
        }
        return words("problem.field.shape");
    }

    /**
     * Message {@code code} in the language of the request being answered; an argument that is one of the domain's
     * values (a visibility, a purpose), or a list of them, in words too ({@code enum.Visibility.TEAM}: "their team"),
     * never as the API names it.
     */
    private String words(String code, Object... arguments) {
        return messages.getMessage(code, arguments == null ? null : Arrays.stream(arguments).map(this::worded)
                .toArray(), LocaleContextHolder.getLocale());
    }

    private Object worded(Object argument) {
        if (argument instanceof Collection<?> values && !values.isEmpty()
                && values.stream().allMatch(Enum.class::isInstance)) {
            return values.stream().map(value -> String.valueOf(worded(value))).collect(Collectors.joining(", "));
        }
        return argument instanceof Enum<?> value ? messages.getMessage("enum." + value.getDeclaringClass()
                .getSimpleName() + "." + value.name(), null, value.name(), LocaleContextHolder.getLocale()) : argument;
    }
}
