package org.hls.command.person;

import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hls.command.Caller;
import org.hls.command.Role;
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
    private final KnownPeople people;
    private final PersonalKeys keys;
    private final Clock clock;

    PersonController(CommandGateway commands, KnownPeople people, PersonalKeys keys, Clock clock) {
        this.commands = commands;
        this.people = people;
        this.keys = keys;
        this.clock = clock;
    }

    @Operation(summary = "Withdraw my consent: my words read [withdrawn] everywhere from now on")
    @PostMapping("/me/consent-withdrawal")
    ConsentResponse withdrawOwn(Caller caller) {
        commands.sendAndWait(new WithdrawConsent(caller.personId(), caller.actor().organisation(), null, caller,
                clock.instant()));
        keys.withdrawnHere(caller.personId());
        return new ConsentResponse(caller.personId(), true);
    }

    @Operation(summary = "Withdraw a person's consent (an administrator of their organisation)")
    @PostMapping("/{personId}/consent-withdrawal")
    ConsentResponse withdraw(@PathVariable String personId, @Valid @RequestBody WithdrawConsentRequest request,
                             Caller caller) {
        String id = Ids.knownPerson(personId);
        // For someone else, an administrator learns whether the platform knows them (404 for an id it never heard
        // of, another aggregate's included); anyone else is refused by the rule without being told.
        String organisation = caller.is(id) ? caller.actor().organisation()
                : caller.has(Role.ADMIN) ? people.organisationOf(id).orElseThrow(Ids.UnknownIdException::new)
                : null;
        commands.sendAndWait(new WithdrawConsent(id, organisation, request.reason().strip(), caller,
                clock.instant()));
        keys.withdrawnHere(id);
        return new ConsentResponse(personId, true);
    }
}
