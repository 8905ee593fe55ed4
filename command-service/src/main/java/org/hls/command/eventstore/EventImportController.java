package org.hls.command.eventstore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.hls.command.Caller;
import org.hls.command.CommandRefused;
import org.hls.command.Role;
import org.hls.command.web.BodyLimits;
import org.hls.command.web.Ids;
import org.hls.events.DomainEvent;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.hls.events.MalformedEnvelopeException;
import org.hls.events.NewerEventException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * History from another system, imported by the platform's operator (the {@code ADMIN} role and the scope
 * {@value org.hls.command.security.SecurityConfiguration#IMPORT_EVENTS_SCOPE}, see the security configuration)
 * through the event store's own append path: one envelope
 * a line, as {@code GET /api/admin/events} writes them (its global position is ignored: the store gives each event
 * its own), recorded at the time the envelope says. An envelope names the aggregate its event names, and an id holds
 * one kind of record. Each aggregate's events must follow on from what is stored for it; events already stored are
 * skipped, so an import can be run again. An import continues only history it brought: never a record whose last
 * event was recorded here (else an administrator could add themselves to a set, or widen someone's private entry,
 * past every rule the commands keep). On a restored platform every record is one an import brought: a deployment
 * switches imports on only while it restores ({@code IMPORTS_ENABLED}). Lines are read and stored in batches: a line
 * that cannot be read stops the import there, naming it, with the batches before it stored.
 */
@RestController
@RequestMapping(path = "/api/admin/import", produces = MediaType.APPLICATION_JSON_VALUE)
class EventImportController {

    private static final int BATCH = 500;
    /** The metadata that marks an event as imported. */
    static final String IMPORTED = "imported";
    /** Each aggregate as Axon names it, by the package of its events, with the payload field holding its id. */
    private static final Map<String, Kind> KIND_OF_PACKAGE = Map.of(
            "experiment", new Kind("Experiment", "experimentId", Ids.SHAPE),
            "learning", new Kind("LearningEntry", "learningId", Ids.SHAPE),
            "actionlearning", new Kind("ActionLearningSet", "setId", Ids.SHAPE),
            "story", new Kind("Story", "storyId", Ids.SHAPE),
            "cohort", new Kind("Cohort", "cohortId", Ids.SHAPE),
            "exchange", new Kind("ExchangePost", "postId", Ids.SHAPE),
            "person", new Kind("PersonConsent", "personId", Ids.PERSON));

    /** An aggregate type, the payload field that names the aggregate, and the shape its ids have. */
    private record Kind(String aggregateType, String idField, Pattern idShape) {

        Kind(String aggregateType, String idField, String idShape) {
            this(aggregateType, idField, Pattern.compile(idShape));
        }
    }

    private final MongoEventStorageEngine storage;
    private final boolean enabled;

    EventImportController(MongoEventStorageEngine storage, @Value("${hls.import.enabled:true}") boolean enabled) {
        this.storage = storage;
        this.enabled = enabled;
    }

    /** How many events an import stored, and how many it found stored already. */
    record Imported(long stored, long alreadyStored) {
    }

    @Operation(summary = "Import events through the event store's append path (the platform operator)")
    @PostMapping(consumes = "application/x-ndjson")
    Imported importEvents(HttpServletRequest request, Caller caller) throws IOException {
        if (!caller.has(Role.ADMIN)) {
            throw new CommandRefused(CommandRefused.Refusal.FORBIDDEN, "refused.import.admin-only");
        }
        if (!enabled) {
            // An import of a restored platform's own records would otherwise go on adding to them for ever.
            throw new CommandRefused(CommandRefused.Refusal.FORBIDDEN, "refused.import.off");
        }
        long[] counts = new long[2];
        List<DomainEventMessage<?>> batch = new ArrayList<>(BATCH);
        try (Reader body = new BufferedReader(new InputStreamReader(request.getInputStream(),
                StandardCharsets.UTF_8))) {
            long number = 0;
            for (String line; (line = readLine(body, ++number)) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                batch.add(message(line, number));
                if (batch.size() == BATCH) {
                    store(batch, counts);
                    batch.clear();
                }
            }
        }
        store(batch, counts);
        return new Imported(counts[0], counts[1]);
    }

    /** The next line, or {@code null} at the end; a line longer than a command's body is refused as it is read. */
    private static String readLine(Reader body, long number) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = body.read()) != '\n'; ) {
            if (c == -1) {
                if (line.isEmpty()) {
                    return null;
                }
                break;
            }
            if (line.length() > BodyLimits.MAX_BYTES) { // one more may be the carriage return of a CRLF
                throw tooLong(number);
            }
            line.append((char) c);
        }
        if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        if (line.length() > BodyLimits.MAX_BYTES) {
            throw tooLong(number);
        }
        return line.toString();
    }

    private static ResponseStatusException tooLong(long number) {
        return refused(number, "is longer than " + BodyLimits.MAX_BYTES + " characters");
    }

    private static DomainEventMessage<?> message(String line, long number) {
        try {
            EventEnvelope envelope = EventJson.read(line.getBytes(StandardCharsets.UTF_8));
            if (envelope.aggregateId() == null || envelope.eventId() == null || envelope.sequenceNumber() < 0
                    || envelope.knownAt() == null) {
                throw refused(number, "needs an eventId, an aggregateId, a sequenceNumber of 0 or more and when it "
                        + "happened");
            }
            DomainEvent payload = EventJson.payloadOf(envelope);
            String packageName = payload.getClass().getPackageName();
            Kind kind = KIND_OF_PACKAGE.get(packageName.substring(packageName.lastIndexOf('.') + 1));
            JsonNode id = envelope.payload().get(kind.idField());
            if (!kind.idShape().matcher(envelope.aggregateId()).matches() || id == null
                    || !envelope.aggregateId().equals(id.asText())) {
                throw refused(number, "must name the same " + kind.idField() + " as its aggregateId, an id as this "
                        + "service issues them");
            }
            return new GenericDomainEventMessage<>(kind.aggregateType(), envelope.aggregateId(),
                    envelope.sequenceNumber(), payload, MetaData.with(IMPORTED, true), envelope.eventId(),
                    envelope.knownAt());
        } catch (MalformedEnvelopeException | NewerEventException e) {
            throw refused(number, "is not an event envelope this release reads: " + e.getMessage());
        }
    }

    /** Stores what is not stored yet of each aggregate's events, which must follow on from what is. */
    private void store(List<DomainEventMessage<?>> batch, long[] counts) {
        Map<String, Long> next = new LinkedHashMap<>();
        // An import is mostly new aggregates: one read finds those that are not, and only they are read one by one.
        Map<String, String> stored = storage.typesOf(batch.stream().map(DomainEventMessage::getAggregateIdentifier)
                .collect(Collectors.toSet()));
        Map<String, String> types = new HashMap<>(stored);
        List<DomainEventMessage<?>> fresh = new ArrayList<>();
        Set<String> continued = new HashSet<>();
        for (DomainEventMessage<?> event : batch) {
            // One id, one kind of record: another kind's events under it would be history no command could load.
            String type = types.putIfAbsent(event.getAggregateIdentifier(), event.getType());
            if (type != null && !type.equals(event.getType())) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "Event " + event.getIdentifier() + " is of "
                        + "a " + event.getType() + ", but " + event.getAggregateIdentifier() + " is a " + type + ".");
            }
            long expected = next.computeIfAbsent(event.getAggregateIdentifier(), id -> !stored.containsKey(id) ? 0L
                    : storage.lastSequenceNumberFor(id).map(last -> last + 1).orElse(0L));
            if (event.getSequenceNumber() < expected) {
                counts[1]++;
            } else if (event.getSequenceNumber() == expected) {
                if (expected > 0 && stored.containsKey(event.getAggregateIdentifier())
                        && continued.add(event.getAggregateIdentifier())
                        && !storage.lastMetaDataOf(event.getAggregateIdentifier())
                        .map(metaData -> Boolean.TRUE.equals(metaData.get(IMPORTED))).orElse(false)) {
                    throw new ResponseStatusException(HttpStatus.CONFLICT, "Event " + event.getIdentifier()
                            + " would continue " + event.getAggregateIdentifier() + ", whose last event was recorded "
                            + "here: an import adds only to history it brought.");
                }
                fresh.add(event);
                next.put(event.getAggregateIdentifier(), expected + 1);
            } else {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "Event " + event.getIdentifier() + " of "
                        + event.getAggregateIdentifier() + " is number " + event.getSequenceNumber()
                        + ", but the next one stored would be number " + expected + ".");
            }
        }
        if (!fresh.isEmpty()) {
            storage.appendEvents(fresh);
            counts[0] += fresh.size();
        }
    }

    private static ResponseStatusException refused(long line, String why) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, "Line " + line + " " + why + ".");
    }
}
