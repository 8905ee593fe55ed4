package org.hls.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * 401, 403 and requests the firewall rejects (400) as problem details, written as UTF-8 bytes.
 */
public class ProblemSecurityHandler implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final Problems problems;

    public ProblemSecurityHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException exception) throws IOException {
        problems.write(request, response, HttpStatus.BAD_REQUEST, "problem.address-rejected");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "problem.unauthenticated");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException exception) throws IOException {
        problems.write(request, response, HttpStatus.FORBIDDEN, "problem.forbidden");
    }
}
