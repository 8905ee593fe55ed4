package org.hls.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details in the caller's language (their {@code Accept-Language}; English when they name neither Welsh nor
 * English), from messages.properties and its Welsh twin. For the filters that answer before Spring MVC does.
 */
@Configuration(proxyBeanMethods = false)
public class Problems {

    public static final Locale WELSH = Locale.forLanguageTag("cy");

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final JsonMapper json = JsonMapper.builder().build();

    public Problems(MessageSource messages) {
        this.messages = messages;
        this.locales = localeResolver();
    }

    /** The language of every answer, for Spring MVC too: Welsh or English, English when the caller names neither. */
    @Bean
    static LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(Locale.ENGLISH, WELSH));
        resolver.setDefaultLocale(Locale.ENGLISH);
        return resolver;
    }

    /** The words of message {@code code} in the caller's language. */
    public String detail(HttpServletRequest request, String code, Object... arguments) {
        return messages.getMessage(code, arguments, locales.resolveLocale(request));
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
