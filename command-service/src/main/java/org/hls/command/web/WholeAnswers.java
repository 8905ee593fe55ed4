package org.hls.command.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A command's answer goes out whole, with its length, in one write. Spring MVC flushes a JSON body once it is
 * written, which commits the response before its length is known: Tomcat then sends it chunked, in two writes (the
 * body, then the chunk that ends it), and the client reads twice. Reads (GET) are left as they are: the history is
 * streamed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2) // inside the guards and the request metrics, around everything else
class WholeAnswers extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper whole = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, whole);
        // A failure thrown instead is answered by the container's error handling, not by what was written before it.
        if (!request.isAsyncStarted()) { // no command answers asynchronously; one that did would be left to itself
            whole.copyBodyToResponse();
        }
    }
}
