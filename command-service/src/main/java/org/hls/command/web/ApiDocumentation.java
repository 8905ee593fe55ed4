package org.hls.command.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.hls.command.Caller;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (and {@code /swagger-ui.html}): every command, its body with each
 * field's limits, and the bearer token it needs.
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
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
