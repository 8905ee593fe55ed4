package org.hls.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details in the caller's language (their {@code Accept-Language}; English when they name neither Welsh nor
 * English), from messages.properties and its Welsh twin. For the filters that answer before Spring MVC does.
 */
public class Problems {

    private static final Locale WELSH = Locale.forLanguageTag("cy");
    /** The language of every answer, Spring MVC's and Tomcat's too: Welsh or English, English when neither is named. */
    public static final LocaleResolver LANGUAGES = languages();

    private final MessageSource messages;
    private final JsonMapper json = JsonMapper.builder().build();

    public Problems(MessageSource messages) {
        this.messages = messages;
    }

    private static LocaleResolver languages() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(Locale.ENGLISH, WELSH));
        resolver.setDefaultLocale(Locale.ENGLISH);
        return resolver;
    }

    /** 400 naming each refused field: the detail "field message; …", each as field and message in {@code errors}. */
    public static ProblemDetail invalid(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.stream()
                .map(error -> error.get("field") + " " + error.get("message")).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return problem;
    }

    /** 400 naming the one refused field, as {@link #invalid(List)} does. */
    public static ProblemDetail invalid(String field, String message) {
        return invalid(List.of(Map.of("field", field, "message", message)));
    }

    /** The words of message {@code code} in the caller's language. */
    public String detail(HttpServletRequest request, String code, Object... arguments) {
        return messages.getMessage(code, arguments, LANGUAGES.resolveLocale(request));
    }

    /** Answers with a problem whose detail is message {@code code} in the caller's language. */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                      Object... arguments) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail(request, code, arguments));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
