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
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Reading the event store through command-service as this service, with a token from the client credentials grant
 * of its own OAuth2 client ({@code hls.event-store.client-id}): for a view that must build itself unasked, and for a
 * rebuild an administrator asks for. A deployment without one builds such views from the topic, and reads the store
 * for a rebuild only with the token of a platform operator who asked.
 */
@Component
public class EventStoreAccess {

    private static final String REGISTRATION = "event-store";

    private final String commandServiceUrl;
    private final String scope;
    private final OAuth2AuthorizedClientManager clients;

    EventStoreAccess(@Value("${hls.event-store.url}") String commandServiceUrl,
                     @Value("${hls.event-store.client-id}") String clientId,
                     @Value("${hls.event-store.client-secret}") String clientSecret,
                     @Value("${hls.event-store.token-uri}") String tokenUri,
                     @Value("${hls.event-store.scope}") String scope) {
        this.commandServiceUrl = commandServiceUrl;
        this.scope = scope;
        this.clients = clientId.isBlank() ? null : clientManager(ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(tokenUri)
                .scope(scope)
                .build());
    }

    /**
     * The event store for a rebuild an administrator asked for with {@code asker}'s token: read as this service when
     * it has a client of its own, since command-service lets no organisation's administrator read the store;
     * otherwise with their token when it was granted the scope (a platform operator's tool's). Empty when neither may
     * read it, so that the rebuild is refused at once rather than failing once started.
     */
    public Optional<EventStoreReplay> forRebuildAskedBy(JwtAuthenticationToken asker) {
        Optional<EventStoreReplay> own = asService();
        if (own.isPresent()) {
            return own;
        }
        boolean granted = asker.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("SCOPE_" + scope));
        return granted ? Optional.of(new CommandServiceReplay(commandServiceUrl, asker.getToken()::getTokenValue))
                : Optional.empty();
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
