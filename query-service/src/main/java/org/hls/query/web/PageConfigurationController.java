package org.hls.query.web;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PageConfigurationController {

    private final PageConfiguration configuration;

    PageConfigurationController(@Value("${hls.web.command-service-url}") String commandServiceUrl,
                                @Value("${hls.web.dev-issuer-url:}") String devIssuerUrl,
                                @Value("${hls.web.oidc-issuer-url:}") String oidcIssuerUrl,
                                @Value("${hls.web.oidc-client-id:}") String oidcClientId,
                                @Value("${hls.dashboard.keep-alive}") Duration streamKeepAlive) {
        this.configuration = new PageConfiguration(commandServiceUrl, devIssuerUrl, oidcIssuerUrl, oidcClientId,
                streamKeepAlive.toMillis());
    }

    /** Open without a token: the page reads it before anyone signs in. */
    @Operation(summary = "The page's sign-in settings")
    @GetMapping("/ui-config")
    PageConfiguration configuration() {
        return configuration;
    }
}
