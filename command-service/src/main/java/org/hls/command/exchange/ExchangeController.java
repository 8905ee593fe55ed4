package org.hls.command.exchange;

import java.net.URI;
import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hls.command.Caller;
import org.hls.command.web.Creating;
import org.hls.command.web.IdResponse;
import org.hls.command.web.Ids;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/exchange", produces = MediaType.APPLICATION_JSON_VALUE)
class ExchangeController {

    private final CommandGateway commands;
    private final Creating creating;
    private final Clock clock;

    ExchangeController(CommandGateway commands, Creating creating, Clock clock) {
        this.commands = commands;
        this.creating = creating;
        this.clock = clock;
    }

    @Operation(summary = "Offer or ask on the learning exchange")
    @PostMapping
    ResponseEntity<IdResponse> post(@Valid @RequestBody PostToExchangeRequest request, Caller caller) {
        String postId = Ids.newId();
        creating.send(postId, new PostToExchange(postId, request.side(), request.text().strip(), request.themes(),
                request.visibility(), caller, clock.instant()));
        return ResponseEntity.created(URI.create("/api/exchange/" + postId)).body(new IdResponse(postId));
    }

    /** Its author takes a post back: it matches nobody from now on. */
    @Operation(summary = "Take a post back from the learning exchange")
    @PostMapping("/{postId}/retraction")
    IdResponse retract(@PathVariable String postId, Caller caller) {
        commands.sendAndWait(new RetractExchangePost(Ids.known(postId), caller, clock.instant()));
        return new IdResponse(postId);
    }
}
