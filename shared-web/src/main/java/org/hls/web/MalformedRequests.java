package org.hls.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests answered as problems before anything else runs, which failed with a 500 and a stack trace in the log: a
 * query string Tomcat cannot decode (a broken %-escape) is 400 on every path, signed in or not; the error page asked
 * for directly is 404 (the server still forwards its own errors there).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MalformedRequests extends OncePerRequestFilter {

    private final Problems problems;

    public MalformedRequests(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("/error".equals(request.getRequestURI())) {
            problems.write(request, response, HttpStatus.NOT_FOUND, "problem.nothing-here");
            return;
        }
        try {
            if (!isForm(request)) { // a form's body would be read as parameters: BodyType refuses it unread
                request.getParameterMap();
            }
        } catch (IllegalStateException | IllegalArgumentException undecodable) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, "problem.query-string");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && (type.regionMatches(true, 0, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 0,
                MediaType.APPLICATION_FORM_URLENCODED_VALUE.length()) || type.regionMatches(true, 0, "multipart/", 0,
                "multipart/".length()));
    }
}
