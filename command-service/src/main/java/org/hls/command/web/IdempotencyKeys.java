package org.hls.command.web;

import static com.mongodb.client.model.Filters.eq;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.hls.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The {@code Idempotency-Key} request header, as the IETF HTTP APIs working group's draft defines it: a command (a
 * POST or a DELETE) sent again with the key its first try carried records nothing new and is answered as the first
 * try was. Keys are the
 * caller's own (the same key from two people is two keys) and kept {@code hls.idempotency.kept} (8 days: longer than
 * learning may wait on a device without a connection) from their first try (or the last that ran the command again),
 * then deleted ({@link KeptKeys}); the same key with a different command or body is refused
 * 422 and, while the first try is still being answered, 409, as the draft says, so that clients written against it
 * understand both. Answers of 5xx and 429 are not kept: the command may be tried again, and is, under the ids its
 * first try had ({@link Ids#SEED}).
 * <p>
 * What is stored is a digest of person and key and of the request, and the answer (an id, or a problem): no key, no
 * body, no personal data in the clear. A try interrupted between recording and answering (the process died) leaves
 * its key waiting; after {@code hls.idempotency.abandoned-after} a retry runs the command again under the same ids,
 * so that a creating command the first try recorded is found rather than recorded twice (the store has no transactions
 * to tie the key to the events; the ids do it, see {@link Creating}).
 */
@Component
@Order(0) // after Spring Security's filters (-100): the caller is known
class IdempotencyKeys extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;

    private final MongoCollection<Document> keys;
    private final KeptKeys kept;
    private final Clock clock;
    private final Duration keptFor;
    private final Duration abandonedAfter;
    private final Problems problems;
    private final CommandRateLimit rateLimit;

    IdempotencyKeys(KeptKeys kept, Clock clock, @Value("${hls.idempotency.kept}") Duration keptFor,
                    @Value("${hls.idempotency.abandoned-after}") Duration abandonedAfter, Problems problems,
                    CommandRateLimit rateLimit) {
        this.problems = problems;
        this.rateLimit = rateLimit;
        this.keys = kept.keys();
        this.kept = kept;
        this.clock = clock;
        this.keptFor = keptFor;
        this.abandonedAfter = abandonedAfter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) || "DELETE".equals(request.getMethod()))
                || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/") || request.getRequestURI().startsWith("/api/admin/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null) {
            chain.doFilter(request, response);
            return;
        }
        // Counted before its key is read or kept: beyond a person's rate, nothing of theirs reaches the store.
        long waitSeconds = rateLimit.take(caller.getName());
        if (waitSeconds > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds));
            problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, CommandRateLimit.REFUSED,
                    rateLimit.burst());
            return;
        }
        request.setAttribute(CommandRateLimit.COUNTED, true);
        String key = key(request.getHeader(HEADER));
        if (key == null) {
            problem(request, response, HttpStatus.BAD_REQUEST, false, "problem.idempotency-key.shape", MAX_KEY_LENGTH);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (BodyLimits.BodyTooLargeException tooLarge) {
            problem(request, response, HttpStatus.CONTENT_TOO_LARGE, false, BodyLimits.TOO_LARGE, BodyLimits.MAX_KIB);
            return;
        } catch (BodyLimits.BodyTooSlowException tooSlow) {
            problem(request, response, HttpStatus.REQUEST_TIMEOUT, false, BodyLimits.TOO_SLOW);
            return;
        }
        String id = digest(caller.getName() + "\n" + key);
        // Bound to the key, which is not kept: a short body (a score, a consent) cannot be guessed back from it.
        String target = target(request);
        byte[] fingerprint = digest(caller.getName() + "\n" + key + "\n" + target + "\n", body);
        Supplier<byte[]> unbound = () -> digest(target + "\n", body);
        long now = clock.millis();

        Document first;
        String seed = null;
        try {
            first = keys.find(eq("_id", id)).first();
            if (first != null && now - first.getLong("at") > keptFor.toMillis()) {
                keys.deleteOne(new Document("_id", id).append("at", first.get("at")));
                first = null;
            }
            if (first != null && isOpen(first, now) && sameRequest(first, fingerprint, unbound)) {
                // The first try ended without an answer for good (5xx, 429, a crash): this one runs the command again
                // under the same ids, so that what the first may have recorded is found, not recorded twice.
                kept.listed(id, now);
                if (keys.updateOne(unanswered(id, first.getLong("at")), new Document("$set", new Document("at", now))
                        .append("$unset", new Document("open", ""))).getModifiedCount() == 1) {
                    seed = Objects.requireNonNullElse(first.getString("seed"), id);
                    request.setAttribute(Ids.RETRY, true);
                    first = null;
                } else {
                    first = keys.find(eq("_id", id)).first();
                }
            } else if (first == null) {
                seed = UUID.randomUUID().toString();
                kept.listed(id, now);
                try {
                    keys.insertOne(new Document("_id", id).append("request", new Binary(fingerprint))
                            .append("at", now).append("seed", seed));
                } catch (MongoWriteException race) {
                    if (race.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw race;
                    }
                    first = keys.find(eq("_id", id)).first();
                }
            }
        } catch (MongoException storeAway) {
            // Found by the fault campaign: the store cut away answered 500 here, before the command was tried.
            problem(request, response, HttpStatus.SERVICE_UNAVAILABLE, true, "problem.idempotency-key.store-away");
            return;
        }
        if (first == null && seed == null) {
            // Taken by another try between two reads (or expired meanwhile): that try answers; this one waits.
            problem(request, response, HttpStatus.CONFLICT, true, "problem.idempotency-key.in-progress");
            return;
        }
        if (first != null) {
            answerAgain(first, sameRequest(first, fingerprint, unbound), request, response);
            return;
        }
        request.setAttribute(Ids.SEED, seed);
        answerAndKeep(id, seed, fingerprint, now, new CachedBody(request, body), response, chain);
    }

    /** What the request asks of: a POST's path alone (as kept since the first release), any other method before it. */
    private static String target(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) ? request.getRequestURI()
                : request.getMethod() + " " + request.getRequestURI();
    }

    private void answerAndKeep(String id, String seed, byte[] fingerprint, long now, HttpServletRequest request,
                               HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, answer);
        } catch (ServletException | IOException | RuntimeException failed) {
            reopen(id, now);
            throw failed;
        }
        int status = answer.getStatus();
        // Not the command's answer, so not kept: "try again" (Retry-After), or how it was sent (Content-Type, Accept).
        if (status >= 500 || answer.containsHeader(HttpHeaders.RETRY_AFTER)
                || status == HttpStatus.NOT_ACCEPTABLE.value() || status == HttpStatus.UNSUPPORTED_MEDIA_TYPE.value()) {
            reopen(id, now);
        } else {
            Document answered = new Document("_id", id).append("request", new Binary(fingerprint))
                    .append("at", now).append("seed", seed).append("status", status)
                    .append("contentType", answer.getContentType())
                    .append("body", new Binary(answer.getContentAsByteArray()));
            if (answer.getHeader(HttpHeaders.LOCATION) != null) {
                answered.append("location", answer.getHeader(HttpHeaders.LOCATION));
            }
            try {
                // Only while this try holds the key: a later try that took it over answers for itself.
                keys.replaceOne(unanswered(id, now), answered);
            } catch (MongoException storeAway) {
                // Found by the fault campaign: the command was recorded and then answered 500. It is answered as it
                // was; the key waits as after a crash (a retry within abandoned-after is told to wait).
                log.warn("The answer to a command with an Idempotency-Key was not kept (the store went away): {}",
                        storeAway.getMessage());
            }
        }
        answer.copyBodyToResponse();
    }

    /**
     * Opens a key whose try was not answered for good to the next try of the same command, which runs it again under
     * the same ids; a store that is away opens it later by itself (after abandoned-after).
     */
    private void reopen(String id, long tryAt) {
        try {
            keys.updateOne(unanswered(id, tryAt), new Document("$set", new Document("open", true)));
        } catch (MongoException storeAway) {
            log.debug("Key not reopened, the store is away; it opens after abandoned-after", storeAway);
        }
    }

    /**
     * Whether {@code first} was kept for this same request. Keys kept by a release before 8 December 2026 hold a
     * digest of path and body alone ({@code unbound}): such a key, asked again, is answered by it while kept and
     * replaced after; none is deleted otherwise (they were never listed: see {@link KeptKeys}).
     */
    private static boolean sameRequest(Document first, byte[] fingerprint, Supplier<byte[]> unbound) {
        Binary kept = first.get("request", Binary.class);
        return kept != null ? MessageDigest.isEqual(kept.getData(), fingerprint)
                : MessageDigest.isEqual(first.get("fingerprint", Binary.class).getData(), unbound.get());
    }

    private void answerAgain(Document first, boolean sameRequest, HttpServletRequest request,
                             HttpServletResponse response) throws IOException {
        if (!sameRequest) {
            problem(request, response, HttpStatus.UNPROCESSABLE_CONTENT, false, "problem.idempotency-key.reused");
        } else if (!first.containsKey("status")) {
            problem(request, response, HttpStatus.CONFLICT, true, "problem.idempotency-key.in-progress");
        } else {
            response.setStatus(first.getInteger("status"));
            if (first.getString("contentType") != null) {
                response.setContentType(first.getString("contentType"));
            }
            if (first.getString("location") != null) {
                response.setHeader(HttpHeaders.LOCATION, first.getString("location"));
            }
            response.getOutputStream().write(first.get("body", Binary.class).getData());
        }
    }

    /** The key as the try that began at {@code tryAt} holds it: not answered, not taken over since. */
    private static Document unanswered(String id, long tryAt) {
        return new Document("_id", id).append("at", tryAt).append("status", new Document("$exists", false));
    }

    /** Whether the key's last try ended without an answer for good, or was abandoned (its process died). */
    private boolean isOpen(Document first, long now) {
        return !first.containsKey("status")
                && (first.getBoolean("open", false) || now - first.getLong("at") > abandonedAfter.toMillis());
    }

    /** The key as sent: a structured-field string ({@code "…"}) as the draft has it, or bare as many clients send it. */
    private static String key(String header) {
        String key = header.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            return null;
        }
        return key;
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                         boolean retryLater, String code, Object... arguments) throws IOException {
        if (retryLater) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        problems.write(request, response, status, code, arguments);
    }

    private static String digest(String text) {
        return HexFormat.of().formatHex(digest(text, new byte[0]));
    }

    private static byte[] digest(String text, byte[] bytes) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(text.getBytes(StandardCharsets.UTF_8));
            return sha256.digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once, up front, and given again to whoever reads it next. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("read synchronously");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    StandardCharsets.UTF_8));
        }
    }
}
