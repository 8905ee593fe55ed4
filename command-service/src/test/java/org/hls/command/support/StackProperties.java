package org.hls.command.support;

import java.util.UUID;

import org.hls.infra.embedded.EmbeddedStack;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Points the service at the shared embedded stack of this test JVM.
 */
public abstract class StackProperties {

    protected static final EmbeddedStack STACK = EmbeddedStack.shared();

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", STACK.store()::connectionString);
        registry.add("spring.kafka.bootstrap-servers", STACK.kafka()::bootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", STACK.tokens()::jwksUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", STACK.tokens()::issuer);
        // Each Spring context of this JVM is an instance of its own: one holds a processor's claim, as in production.
        String nodeId = "test-context-" + UUID.randomUUID();
        registry.add("hls.event-store.node-id", () -> nodeId);
    }
}
