package org.hls.query.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.hls.query.security.Reader;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (and {@code /swagger-ui.html}): every read, the bearer token it
 * needs, and each problem it may answer with. {@code ApiDescriptionTest} lints it with Redocly CLI's recommended
 * rules.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static {
        // The reader comes from the token, never from the request: not a parameter to document.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Reader.class);
    }

    @Bean
    OpenAPI queryServiceApi() {
        return new OpenAPI()
                .info(new Info().title("Learning platform: query-service").version("1")
                        .description("Live learning dashboards and the learning feed, built from the event stream. "
                                + "Reads are eventually consistent; each answer shows only what the caller may "
                                + "see. Errors are RFC 9457 problem details."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                // Relative: the description is right wherever the service is deployed, not only where it was read.
                .addServersItem(new Server().url("/").description("This service"));
    }

    /** Every problem a read may answer with, as RFC 9457 problem details. */
    @Bean
    OpenApiCustomizer readProblems() {
        return api -> ProblemResponses.document(api, (path, method, operation) -> {
            Map<String, String> problems = new LinkedHashMap<>();
            problems.put("400", "A parameter is malformed or invalid, or given twice; the problem names it.");
            if (!path.equals("/ui-config")) {
                problems.put("401", "No token, or one this platform does not accept.");
                problems.put("403", "The caller may not read this.");
            }
            if (path.contains("{")) {
                problems.put("404", "Nothing with that id that the caller may read.");
            }
            problems.put("429", "Too many requests from the caller; `Retry-After` says when to try again.");
            problems.put("503", "The history is still being built, or a backing service is down.");
            return problems;
        });
    }
}
