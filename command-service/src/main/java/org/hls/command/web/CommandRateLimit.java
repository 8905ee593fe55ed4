package org.hls.command.web;

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
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Each person may send a burst of {@code hls.rate-limit.burst} commands, refilled at {@code hls.rate-limit.per-second}
 * a second; beyond that a command is refused 429 with {@code Retry-After} before anything reads it, so one person
 * sending as fast as they can slows nobody else. Counted per instance, in memory (Bucket4j's token buckets); an
 * administrator's import and reads are not commands. A command with an {@code Idempotency-Key} is counted by
 * {@link IdempotencyKeys}, before its key is looked up or kept, and once only.
 */
@Component
class CommandRateLimit implements HandlerInterceptor, WebMvcConfigurer {

    /** Set on a request already counted (by {@link IdempotencyKeys}): it is not counted again. */
    static final String COUNTED = CommandRateLimit.class.getName() + ".counted";

    /** The message code of a refusal, which takes {@link #burst()}. */
    static final String REFUSED = "problem.rate-limited";

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long burst;
    private final long perSecond;

    CommandRateLimit(@Value("${hls.rate-limit.burst}") long burst,
                     @Value("${hls.rate-limit.per-second}") long perSecond) {
        this.burst = burst;
        this.perSecond = perSecond;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**").excludePathPatterns("/api/admin/**")
                .order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (!(handler instanceof HandlerMethod) || caller == null || "GET".equals(request.getMethod())
                || request.getAttribute(COUNTED) != null) {
            return true;
        }
        long waitSeconds = take(caller.getName());
        if (waitSeconds > 0) {
            ErrorResponseException refused = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS,
                    ProblemDetail.forStatus(HttpStatus.TOO_MANY_REQUESTS), null, REFUSED, new Object[] {burst});
            refused.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds));
            throw refused;
        }
        return true;
    }

    long burst() {
        return burst;
    }

    /** Counts a command of {@code person}'s: 0 when it may go, else the whole seconds until their next may. */
    long take(String person) {
        ConsumptionProbe probe = buckets.computeIfAbsent(person, nobody -> Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0
                : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }
}
