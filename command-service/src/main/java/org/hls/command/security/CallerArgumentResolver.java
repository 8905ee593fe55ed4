package org.hls.command.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.hls.command.Caller;
import org.hls.command.CommandRefused;
import org.hls.command.Role;
import org.hls.events.Actor;
import org.hls.web.Claims;
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
 * Lets a controller take the {@link Caller} as a parameter: who acts, and in which roles, comes from the token,
 * never the body. Roles the platform does not know are ignored. Only a person acts: a token that names no
 * organisation (a service's, from the client credentials grant) is refused.
 */
@Configuration(proxyBeanMethods = false)
class CallerArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Jwt jwt = ((JwtAuthenticationToken) SecurityContextHolder.getContext().getAuthentication()).getToken();
        Actor actor = Claims.actor(jwt);
        if (actor.organisation() == null) {
            throw new CommandRefused(CommandRefused.Refusal.FORBIDDEN, "refused.person-only");
        }
        return new Caller(actor, roles(jwt.getClaimAsStringList("roles")));
    }

    private static Set<Role> roles(List<String> claimed) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (claimed != null) {
            for (Role role : Role.values()) {
                if (claimed.contains(role.name())) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
