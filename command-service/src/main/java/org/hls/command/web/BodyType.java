package org.hls.command.web;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A command's body declared as anything but JSON is refused with 415 before anything reads it: Spring cannot read a
 * wildcard type ({@code *}{@code /*}) and failed with a 500, and a form's body was parsed as parameters first.
 */
@Component
class BodyType implements HandlerInterceptor, WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotSupportedException {
        if (handler instanceof HandlerMethod method && takesBody(method) && request.getContentType() != null) {
            MediaType type;
            try {
                type = MediaType.parseMediaType(request.getContentType());
            } catch (InvalidMediaTypeException e) {
                throw new HttpMediaTypeNotSupportedException(e.getMessage());
            }
            if (!isJson(type)) { // a wildcard is not JSON either
                throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON),
                        HttpMethod.valueOf(request.getMethod()));
            }
        }
        return true;
    }

    private static boolean isJson(MediaType type) {
        return "application".equals(type.getType())
                && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
    }

    private static boolean takesBody(HandlerMethod method) {
        return Arrays.stream(method.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
    }
}
