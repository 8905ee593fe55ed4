package org.hls.query.web;

import java.util.Collection;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A query parameter given twice is refused, naming it, unless the endpoint takes a list of it ({@code theme} of the
 * exchange's matches): the first of two {@code asOf}s was used silently, and two {@code size}s answered with a Java
 * class name.
 */
@Component
class OneValueEach implements HandlerInterceptor, WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                if (parameter.getValue().length > 1 && !takesMany(method, parameter.getKey())) {
                    throw new InvalidParameter(parameter.getKey(), "invalid.once");
                }
            }
        }
        return true;
    }

    private static boolean takesMany(HandlerMethod method, String name) {
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
            if (annotation != null && name.equals(annotation.name().isEmpty() ? parameter.getParameterName()
                    : annotation.name())) {
                Class<?> type = parameter.getParameterType();
                return type.isArray() || Collection.class.isAssignableFrom(type);
            }
        }
        return false;
    }
}
