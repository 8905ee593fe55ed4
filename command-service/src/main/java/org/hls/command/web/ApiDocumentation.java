package org.hls.command.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.hls.command.Caller;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (and {@code /swagger-ui.html}): every command, its body with each
 * field's limits, the bearer token it needs, and each problem it may answer with. {@code ApiDescriptionTest} lints
 * it with Redocly CLI's recommended rules.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static {
        // The caller comes from the token, never from the request: not a parameter to document.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI commandServiceApi() {
        return new OpenAPI()
                .info(new Info().title("Learning platform: command-service").version("1")
                        .description("Commands that record learning as immutable events. Every accepted command "
                                + "answers after its events are durably stored; errors are RFC 9457 problem "
                                + "details; bodies over 64 KiB are refused with 413."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                // Relative: the description is right wherever the service is deployed, not only where it was read.
                .addServersItem(new Server().url("/").description("This service"));
    }

    /** Every problem a command may answer with, as RFC 9457 problem details. */
    @Bean
    OpenApiCustomizer commandProblems() {
        return api -> ProblemResponses.document(api, (path, method, operation) -> {
            Map<String, String> problems = new LinkedHashMap<>();
            problems.put("400", "The body or a parameter is malformed or invalid; `errors` names each field.");
            problems.put("401", "No token, or one this platform does not accept.");
            problems.put("403", "The caller may not do this.");
            if (path.contains("{")) {
                problems.put("404", "Nothing with that id.");
            }
            if (method == PathItem.HttpMethod.POST) {
                problems.put("409", "It conflicts with the current state, or the command first sent with this "
                        + "`Idempotency-Key` is still being answered; nothing was recorded.");
                problems.put("413", "The body is over 64 KiB.");
                problems.put("415", "The body is not of the type the command takes.");
            }
            if (method == PathItem.HttpMethod.POST && !path.startsWith("/api/admin/")) {
                problems.put("422", "This `Idempotency-Key` was sent before with another command or body.");
                operation.addParametersItem(new HeaderParameter().name(IdempotencyKeys.HEADER).required(false)
                        .description("A key of the client's choosing (1 to 255 visible ASCII characters): the "
                                + "same command sent again with it records nothing new and is answered as the "
                                + "first try was, for a day at least.")
                        .schema(new StringSchema().maxLength(255)));
            }
            problems.put("429", "Too many commands from the caller; `Retry-After` says when to try again.");
            problems.put("503", "A backing service is down; nothing was recorded.");
            return problems;
        });
    }
}
