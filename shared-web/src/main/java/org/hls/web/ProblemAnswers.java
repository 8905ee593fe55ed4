package org.hls.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.LocaleResolver;

/**
 * What both services answer around Spring MVC, always as problem details in the caller's language: malformed requests
 * before anything runs, Tomcat's own refusals, 401 and 403. A service imports it; its messages.properties (and
 * messages_cy.properties) word each problem.
 */
@Configuration(proxyBeanMethods = false)
@Import({Problems.class, ProblemTypes.class, MalformedRequests.class, ProblemSecurityHandler.class,
        ProblemErrorReportValve.Installer.class})
public class ProblemAnswers {

    /** Spring MVC's resolver of the request's language, the one the problems are worded in. */
    @Bean
    LocaleResolver localeResolver() {
        return Problems.LANGUAGES;
    }
}
