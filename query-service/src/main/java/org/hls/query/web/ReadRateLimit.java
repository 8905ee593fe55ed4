package org.hls.query.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Each person may read a burst of {@code hls.rate-limit.burst} answers, refilled at {@code hls.rate-limit.per-second}
 * a second; beyond that a read is refused 429 with {@code Retry-After} before anything is read for it, so one person
 * reading as fast as they can slows nobody else. Counted per instance, in memory (Bucket4j's token buckets), as
 * command-service counts commands; a dashboard stream counts once, when it opens.
 */
@Component
class ReadRateLimit implements HandlerInterceptor, WebMvcConfigurer {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long burst;
    private final long perSecond;

    ReadRateLimit(@Value("${hls.rate-limit.burst}") long burst, @Value("${hls.rate-limit.per-second}") long perSecond) {
        this.burst = burst;
        this.perSecond = perSecond;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**").order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication reader = SecurityContextHolder.getContext().getAuthentication();
        if (!(handler instanceof HandlerMethod) || reader == null) {
            return true;
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(reader.getName(), person -> Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return true;
        }
        Refusal refused = new Refusal(HttpStatus.TOO_MANY_REQUESTS, "problem.rate-limited", burst);
        refused.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1,
                TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L))));
        throw refused;
    }
}
