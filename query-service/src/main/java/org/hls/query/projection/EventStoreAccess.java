package org.hls.query.projection;

import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.stereotype.Component;

/**
 * Reading the event store through command-service: as the administrator who asked for a rebuild (their token), or,
 * when a view must build itself unasked, as this service, with a token from the client credentials grant of its own
 * OAuth2 client ({@code hls.event-store.client-id}); a deployment without one builds such views from the topic.
 */
@Component
public class EventStoreAccess {

    private static final String REGISTRATION = "event-store";

    private final String commandServiceUrl;
    private final OAuth2AuthorizedClientManager clients;

    EventStoreAccess(@Value("${hls.web.command-service-url}") String commandServiceUrl,
                     @Value("${hls.event-store.client-id}") String clientId,
                     @Value("${hls.event-store.client-secret}") String clientSecret,
                     @Value("${hls.event-store.token-uri}") String tokenUri,
                     @Value("${hls.event-store.scope}") String scope) {
        this.commandServiceUrl = commandServiceUrl;
        this.clients = clientId.isBlank() ? null : clientManager(ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(tokenUri)
                .scope(scope)
                .build());
    }

    /** The event store read with {@code bearerToken}, an administrator's. */
    public EventStoreReplay as(String bearerToken) {
        return new CommandServiceReplay(commandServiceUrl, () -> bearerToken);
    }

    /** The event store read as this service, if it has a client of its own. */
    public Optional<EventStoreReplay> asService() {
        return clients == null ? Optional.empty()
                : Optional.of(new CommandServiceReplay(commandServiceUrl, this::serviceToken));
    }

    /** A current token of this service's own: fetched once, then again only when it is about to expire. */
    private String serviceToken() {
        OAuth2AuthorizedClient client = clients.authorize(OAuth2AuthorizeRequest
                .withClientRegistrationId(REGISTRATION).principal("query-service").build());
        if (client == null) {
            throw new IllegalStateException("The token issuer gave this service no token for the event store");
        }
        return client.getAccessToken().getTokenValue();
    }

    private static OAuth2AuthorizedClientManager clientManager(ClientRegistration registration) {
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
                        new InMemoryOAuth2AuthorizedClientService(registrations));
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials()
                .build());
        return manager;
    }
}
