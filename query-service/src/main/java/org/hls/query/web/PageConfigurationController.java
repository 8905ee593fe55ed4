package org.hls.query.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PageConfigurationController {

    private final PageConfiguration configuration;

    PageConfigurationController(@Value("${hls.web.command-service-url}") String commandServiceUrl,
                                @Value("${hls.web.dev-issuer-url:}") String devIssuerUrl) {
        this.configuration = new PageConfiguration(commandServiceUrl, devIssuerUrl);
    }

    /** Open without a token: the page reads it before anyone signs in. */
    @GetMapping("/ui-config")
    PageConfiguration configuration() {
        return configuration;
    }
}
