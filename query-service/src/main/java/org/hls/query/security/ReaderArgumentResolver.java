package org.hls.query.security;

import java.util.List;
import java.util.Set;

import org.hls.events.Actor;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets a controller take the {@link Reader} as a parameter, from the validated token.
 */
@Configuration(proxyBeanMethods = false)
class ReaderArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Reader.class.equals(parameter.getParameterType());
    }

    @Override
    public Reader resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Jwt jwt = ((JwtAuthenticationToken) SecurityContextHolder.getContext().getAuthentication()).getToken();
        List<String> roles = jwt.getClaimAsStringList("roles");
        return new Reader(new Actor(jwt.getSubject(), jwt.getClaimAsString("name"), claim(jwt, "organisation"),
                claim(jwt, "team"), claim(jwt, "place")), roles == null ? Set.of() : Set.copyOf(roles));
    }

    /** A claim, none when blank: a blank team would make everyone of the organisation without one a team. */
    private static String claim(Jwt jwt, String name) {
        String value = jwt.getClaimAsString(name);
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
