package org.hls.query.security;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAuthority;

import java.net.URI;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.hls.web.ProblemSecurityHandler;
import org.hls.web.TrustedTokens;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * An OAuth2 resource server: every {@code /api/**} call carries a JWT validated against the issuer's JWKS; health,
 * metrics and the API description are open.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * No Micrometer observation around each filter of the chain, authentication and authorisation: a tenth of a
     * command's CPU in a profile, for metrics nobody reads; the HTTP request metrics stay.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** The small-number control of every count but a team's own, read by its members (docs/security.md). */
    @Bean
    SmallNumbers smallNumbers(@Value("${hls.small-numbers.fewer-than}") int fewerThan,
                              @Value("${hls.small-numbers.rounded-to}") int roundedTo,
                              @Value("${hls.small-numbers.key}") String key) {
        boolean off = fewerThan == 1 && roundedTo == 1;
        return new SmallNumbers(fewerThan, roundedTo, off ? null : CellKeys.of(key));
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemSecurityHandler problems,
                                    @Value("${hls.web.command-service-url}") String commandService,
                                    @Value("${hls.web.dev-issuer-url}") String devIssuer,
                                    @Value("${hls.web.oidc-issuer-url}") String oidcIssuer) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        // The dashboard page and its scripts: it signs in and sends the token itself.
                        .requestMatchers("/", "/index.html", "/*.js", "/*.css", "/webjars/**", "/ui-config",
                                "/favicon.ico", "/manifest.webmanifest", "/icon.svg", "/icon-*.png", "/i18n/*.json")
                        .permitAll()
                        // The projections are the whole platform's: the operator's, not an organisation's ADMIN's.
                        .requestMatchers("/api/admin/**").access(AuthorizationManagers.allOf(
                                hasAuthority(PERSON), hasAuthority("SCOPE_" + MANAGE_PROJECTIONS_SCOPE)))
                        // Only people read: a token that names no organisation (a service's) reads nothing.
                        .anyRequest().hasAuthority(PERSON))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(SecurityConfiguration::authentication))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // The page keeps a bearer token in sessionStorage: it runs no script but its own files, talks only to
                // this service, command-service and the sign-in provider, and tells other sites nothing.
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(commandService,
                                devIssuer, oidcIssuer)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .permissionsPolicyHeader(permissions -> permissions.policy(
                                "camera=(), microphone=(), geolocation=(), payment=(), usb=()")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** The tokens to trust: {@link TrustedTokens}. */
    @Bean
    JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
                          @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
                          @Value("${spring.security.oauth2.resourceserver.jwt.audiences}") List<String> audiences) {
        return TrustedTokens.decoder(jwkSetUri, issuer, audiences);
    }

    static String contentSecurityPolicy(String... partners) {
        String others = Arrays.stream(partners).filter(url -> url != null && !url.isBlank())
                .map(SecurityConfiguration::origin).distinct().collect(Collectors.joining(" "));
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' "
                + others + "; form-action 'self' " + others + "; frame-ancestors 'none'; base-uri 'none'; "
                + "object-src 'none'";
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** The token's {@code roles} and {@code scope} claims become the caller's authorities. */
    static AbstractAuthenticationToken authentication(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        List<GrantedAuthority> authorities = new ArrayList<>(SCOPES.convert(jwt));
        if (roles != null) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        }
        String organisation = jwt.getClaimAsString("organisation");
        if (organisation != null && !organisation.isBlank()) {
            authorities.add(new SimpleGrantedAuthority(PERSON));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    /** The authority of a token that names a person of an organisation, as every person's does. */
    static final String PERSON = "PERSON";
    /**
     * The scope that lets the platform's operator (with the {@code ADMIN} role) see and rebuild projections: they are
     * every organisation's, and a rebuild is work for the whole platform.
     */
    public static final String MANAGE_PROJECTIONS_SCOPE = "projections.manage";
    private static final JwtGrantedAuthoritiesConverter SCOPES = new JwtGrantedAuthoritiesConverter();

}
