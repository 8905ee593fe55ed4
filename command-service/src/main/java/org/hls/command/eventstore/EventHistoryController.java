package org.hls.command.eventstore;

import java.io.OutputStream;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.hls.command.CommandRefused;
import org.hls.command.publishing.Envelopes;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The event store itself, for rebuilding a projection when the topic no longer holds the whole history, and for
 * backups: every stored event after a global position, in order, as the envelope the topic carries (one JSON object
 * a line, each upgraded to its current schema), streamed in constant memory. The {@value #HEAD} header names the
 * position of the last event stored when the answer began. Only a token granted
 * {@value org.hls.command.security.SecurityConfiguration#READ_EVENTS_SCOPE} reads it, a service's or a platform
 * operator's; no organisation's administrator (see the security configuration).
 */
@RestController
@RequestMapping("/api/admin/events")
class EventHistoryController {

    static final String HEAD = "Event-Store-Head";
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final byte[] NEW_LINE = {'\n'};

    private final EventStorageEngine storage;
    private final Serializer eventSerializer;

    EventHistoryController(EventStorageEngine storage, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.storage = storage;
        this.eventSerializer = eventSerializer;
    }

    @Operation(summary = "Read the event store's events in order (a service's token)")
    @GetMapping(produces = "application/x-ndjson")
    ResponseEntity<StreamingResponseBody> events(@RequestParam(defaultValue = "0") long after) {
        if (after < 0) {
            throw CommandRefused.invalid("after", "refused.history.after");
        }
        TrackingToken head = storage.createHeadToken();
        long headPosition = head == null ? 0 : ((GlobalSequenceTrackingToken) head).getGlobalIndex();
        StreamingResponseBody body = out -> write(after, out);
        return ResponseEntity.ok().contentType(NDJSON).header(HEAD, Long.toString(headPosition)).body(body);
    }

    private void write(long after, OutputStream out) throws java.io.IOException {
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(
                after == 0 ? null : new GlobalSequenceTrackingToken(after), false)) {
            for (var iterator = events.iterator(); iterator.hasNext(); ) {
                TrackedEventMessage<?> event = iterator.next();
                long position = ((GlobalSequenceTrackingToken) event.trackingToken()).getGlobalIndex();
                out.write(Envelopes.json((DomainEventMessage<?>) event, position, eventSerializer));
                out.write(NEW_LINE);
            }
        }
    }
}
