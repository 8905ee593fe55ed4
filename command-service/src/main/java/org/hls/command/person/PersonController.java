package org.hls.command.person;

import java.time.Clock;

import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hls.command.Caller;
import org.hls.command.web.Ids;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/people", produces = MediaType.APPLICATION_JSON_VALUE)
class PersonController {

    private final CommandGateway commands;
    private final Clock clock;

    PersonController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping("/me/consent-withdrawal")
    ConsentResponse withdrawOwn(Caller caller) {
        commands.sendAndWait(new WithdrawConsent(caller.personId(), null, caller, clock.instant()));
        return new ConsentResponse(caller.personId(), true);
    }

    @PostMapping("/{personId}/consent-withdrawal")
    ConsentResponse withdraw(@PathVariable String personId, @Valid @RequestBody WithdrawConsentRequest request,
                             Caller caller) {
        commands.sendAndWait(new WithdrawConsent(Ids.knownPerson(personId), request.reason().strip(), caller,
                clock.instant()));
        return new ConsentResponse(personId, true);
    }
}
