package org.hls.infra.launcher;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hls.events.EventJson;

/**
 * The steady load of a fault campaign: a few practitioners recording learning and proposing experiments over HTTP,
 * and the first of them, the presenter of an action learning set's open session, committing to actions too; each as
 * fast as answered, every command with its own {@code Idempotency-Key}; every attempt and its answer (or that none
 * came) kept for the checker. A writer whose token the issuer no longer knows (a power cut restarted it) asks for a
 * new one. The set is formed, its session opened and the problem presented before the load starts.
 */
final class CampaignLoad implements AutoCloseable {

    /** A command that recorded something: learning of a kind, an experiment's proposal, an action in a set. */
    enum Kind { BREAKTHROUGH, DISAPPOINTMENT, REFLECTION, EXPERIMENT, ACTION }

    /** Where everyone of the load works: the checker reads this one team's counts as its members do, exactly. */
    static final String ORGANISATION = "org-campaign";
    static final String TEAM = "team-1";
    /** The set's facilitator, who opens its session; the first writer presents in it, with two more members. */
    static final String FACILITATOR = "campaign-facilitator";
    static final String PRESENTER = "campaign-0";
    private static final Duration SET_UP_WITHIN = Duration.ofMinutes(2);

    /**
     * One command sent, and what came back.
     *
     * @param status its answer's status, {@link #NO_ANSWER} when it was sent and no answer came (it may or may not
     *               have been recorded), {@link #UNCONFIRMED} when the answer said so, or {@link #NOT_SENT} when no
     *               connection was made (it cannot have been)
     * @param id     what it recorded, when answered 2xx
     */
    record Attempt(Kind kind, int status, String id) {

        static final int NO_ANSWER = -1;
        static final int NOT_SENT = -2;
        /** Answered 503 saying the store could not tell whether it was recorded: as good as no answer. */
        static final int UNCONFIRMED = -3;

        /** Whether it may or may not have been recorded. */
        boolean indeterminate() {
            return status == NO_ANSWER || status == UNCONFIRMED;
        }

        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final PlatformSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> writers = new ArrayList<>();
    private final String setId;

    private CampaignLoad(PlatformSettings settings, int writerCount, long seed) {
        this.settings = settings;
        this.setId = formSetAndPresent();
        for (int i = 0; i < writerCount; i++) {
            String person = "campaign-" + i;
            Random random = new Random(seed + i);
            // Only the presenter commits to actions.
            int kinds = person.equals(PRESENTER) ? Kind.values().length : Kind.ACTION.ordinal();
            Thread writer = new Thread(() -> write(person, random, kinds), "campaign-writer-" + i);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    /** Starts {@code writerCount} writers, each a person of their own (one person's commands are rate-limited). */
    static CampaignLoad start(PlatformSettings settings, int writerCount, long seed) {
        return new CampaignLoad(settings, writerCount, seed);
    }

    /** The action learning set whose open session the presenter commits actions in. */
    String setId() {
        return setId;
    }

    /** Forms the set, opens its first session and presents a problem in it, each step tried until it is answered. */
    private String formSetAndPresent() {
        String set = setUp(PRESENTER, "/api/sets", "{\"name\":\"Campaign set\",\"facilitator\":\"" + FACILITATOR
                + "\",\"members\":[\"" + PRESENTER + "\",\"campaign-member-1\",\"campaign-member-2\"]}", 201);
        setUp(FACILITATOR, "/api/sets/" + set + "/sessions", "", 201);
        setUp(PRESENTER, "/api/sets/" + set + "/sessions/1/presentation", "{\"presenter\":\"" + PRESENTER
                + "\",\"problem\":\"Families miss their appointments\"}", 200);
        return set;
    }

    /** Sends a set-up command with one key until it is answered {@code expected}; the id it answers with. */
    private String setUp(String person, String path, String body, int expected) {
        String key = "\"" + UUID.randomUUID() + "\"";
        long deadline = System.nanoTime() + SET_UP_WITHIN.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            String token = token(person);
            if (token != null) {
                try {
                    HttpResponse<String> answer = http.send(command(path, token, key, body),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == expected) {
                        return JSON.readTree(answer.body()).path("id").asText(null);
                    }
                    last = answer.statusCode() + " " + answer.body();
                } catch (IOException e) {
                    last = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            LauncherProcess.pause(Duration.ofMillis(500));
        }
        throw new IllegalStateException("The campaign's action learning set was not set up: POST " + path + " "
                + last);
    }

    /** Waits until {@code more} commands more than now have been accepted; whether they were within {@code time}. */
    boolean awaitAccepted(int more, Duration time) {
        long target = accepted() + more;
        long deadline = System.nanoTime() + time.toNanos();
        while (accepted() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LauncherProcess.pause(Duration.ofMillis(100));
        }
        return true;
    }

    private long accepted() {
        return attempts.stream().filter(Attempt::accepted).count();
    }

    /** Every attempt so far. */
    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Stops the writers once each has its last answer (or gave up waiting for it). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread writer : writers) {
            // A writer's last round: a token, a command and a pause, each within ANSWER_WITHIN at most.
            writer.join(ANSWER_WITHIN.multipliedBy(3).toMillis());
        }
    }

    private void write(String person, Random random, int kinds) {
        String token = null;
        while (running.get()) {
            if (token == null) {
                token = token(person);
                if (token == null) {
                    LauncherProcess.pause(Duration.ofMillis(250));
                    continue;
                }
            }
            Kind kind = Kind.values()[random.nextInt(kinds)];
            Attempt attempt = send(kind, token);
            if (attempt.status() == 401) {
                token = null;
            }
            attempts.add(attempt);
            if (!attempt.accepted()) {
                // Down, refused or throttled: not a hot loop against a platform that is coming back.
                LauncherProcess.pause(Duration.ofMillis(200));
            }
        }
    }

    private Attempt send(Kind kind, String token) {
        String path = switch (kind) {
            case EXPERIMENT -> "/api/experiments";
            case ACTION -> "/api/sets/" + setId + "/sessions/1/actions";
            default -> "/api/learning";
        };
        String body = switch (kind) {
            case EXPERIMENT -> "{\"title\":\"Open drop-in\",\"hypothesis\":\"Drop-in hours help people who miss "
                    + "appointments\",\"themes\":[\"homelessness\"],\"plannedEnding\":\"People keep their key "
                    + "worker\",\"visibility\":\"SYSTEM\"}";
            // Due a month from the campaign's day: no clock jump of a service makes it due in the past.
            case ACTION -> "{\"text\":\"Ring the family the day before\",\"dueBy\":\""
                    + LocalDate.now(ZoneOffset.UTC).plusMonths(1) + "\"}";
            default -> "{\"kind\":\"" + kind + "\",\"summary\":\"Seen in practice\",\"themes\":[\"housing\"],"
                    + "\"perspective\":\"PRACTITIONER\",\"visibility\":\"SYSTEM\"}";
        };
        try {
            HttpResponse<String> answer = http.send(command(path, token, "\"" + UUID.randomUUID() + "\"", body),
                    HttpResponse.BodyHandlers.ofString());
            boolean accepted = answer.statusCode() >= 200 && answer.statusCode() < 300;
            if (answer.statusCode() == 503 && answer.body().contains("could not say whether it was recorded")) {
                return new Attempt(kind, Attempt.UNCONFIRMED, null);
            }
            return new Attempt(kind, answer.statusCode(),
                    accepted ? JSON.readTree(answer.body()).get("id").asText() : null);
        } catch (ConnectException e) {
            return new Attempt(kind, Attempt.NOT_SENT, null);
        } catch (IOException e) {
            return new Attempt(kind, Attempt.NO_ANSWER, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(kind, Attempt.NO_ANSWER, null);
        }
    }

    /** A command to command-service, sent with {@code token} under the Idempotency-Key {@code key}. */
    private HttpRequest command(String path, String token, String key, String body) {
        return HttpRequest.newBuilder(URI.create(settings.commandServiceUrl() + path)).timeout(ANSWER_WITHIN)
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** A practitioner's token from the development issuer, or {@code null} while it is down. */
    private String token(String person) {
        String claims = "{\"sub\":\"" + person + "\",\"name\":\"Campaign\",\"roles\":[\"PRACTITIONER\"],"
                + "\"organisation\":\"" + ORGANISATION + "\",\"team\":\"" + TEAM + "\",\"place\":\"campaign\"}";
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(settings.issuerUrl()
                            + "/dev/token")).timeout(ANSWER_WITHIN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(claims)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? JSON.readTree(answer.body()).get("access_token").asText() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
