package org.hls.query.replay;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.hls.query.history.LiveHistory;
import org.hls.query.projection.EventStoreAccess;
import org.hls.query.projection.EventStoreReplay;
import org.hls.query.projection.ProjectionRebuilds;
import org.hls.query.security.Reader;
import org.hls.query.web.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The projections of this instance, for the platform's operator (the {@code ADMIN} role and the scope
 * {@value org.hls.query.security.SecurityConfiguration#MANAGE_PROJECTIONS_SCOPE}, see the security configuration):
 * what each holds and how its rebuild goes. The history (every dashboard and analysis) is rebuilt beside the live one
 * and takes over once it has caught up; from the event store it reads as this service
 * ({@link EventStoreAccess#forRebuildAskedBy}).
 */
@RestController
@RequestMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
class ProjectionAdminController {

    static final String HISTORY = "history";

    private final LiveHistory history;
    private final ProjectionRebuilds stored;
    private final EventStoreAccess eventStores;

    ProjectionAdminController(LiveHistory history, ProjectionRebuilds stored, EventStoreAccess eventStores) {
        this.history = history;
        this.stored = stored;
        this.eventStores = eventStores;
    }

    @Operation(summary = "Every projection's state (the platform operator)")
    @GetMapping
    List<ProjectionStatus> projections(Reader reader) {
        administrator(reader);
        List<ProjectionStatus> all = new ArrayList<>();
        all.add(historyStatus());
        stored.names().forEach(name -> all.add(storedStatus(name)));
        return all;
    }

    @Operation(summary = "One projection's state (the platform operator)")
    @GetMapping("/{name}")
    ProjectionStatus projection(@PathVariable String name, Reader reader) {
        administrator(reader);
        return projections(reader).stream().filter(projection -> projection.name().equals(name)).findFirst()
                .orElseThrow(() -> new Refusal(HttpStatus.NOT_FOUND, "refused.projection.unknown"));
    }

    @Operation(summary = "Rebuild a projection from the topic or the event store (the platform operator)")
    @PostMapping("/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProjectionStatus rebuild(@PathVariable String name, @Valid @RequestBody(required = false) RebuildRequest request,
                             JwtAuthenticationToken asker, Reader reader) {
        projection(name, reader);
        boolean fromEventStore = request != null && request.fromEventStore();
        EventStoreReplay eventStore = fromEventStore ? eventStores.forRebuildAskedBy(asker).orElseThrow(
                () -> new Refusal(HttpStatus.FORBIDDEN, "refused.projection.event-store-scope")) : null;
        if (eventStore == null && (request == null || !request.fromTopicAsked()) && stored.topicHasLostRecords()) {
            // Never a complete projection replaced by one lacking the lost records, unless the topic was named.
            eventStore = eventStores.forRebuildAskedBy(asker).orElseThrow(
                    () -> new Refusal(HttpStatus.CONFLICT, "refused.projection.topic-lost-records"));
        }
        if (HISTORY.equals(name)) {
            history.rebuild(eventStore);
            return historyStatus();
        }
        stored.rebuild(name, eventStore);
        return storedStatus(name);
    }

    private ProjectionStatus storedStatus(String name) {
        return new ProjectionStatus(name, "A read model in the store, fed from the topic; rebuilt into a new "
                + "generation beside the live one.", stored.isReady(name), null, stored.isComplete(name), true,
                stored.status(name).orElse(null));
    }

    private ProjectionStatus historyStatus() {
        return new ProjectionStatus(HISTORY, "What happened and when it became known: every dashboard and "
                + "analysis, at any instant. Held in memory, checkpointed to the store.", history.isReady(),
                history.events(), !history.isIncomplete(), true, history.rebuildStatus());
    }

    private static void administrator(Reader reader) {
        if (!reader.has("ADMIN")) {
            throw new Refusal(HttpStatus.FORBIDDEN, "refused.projection.admin-only");
        }
    }
}
