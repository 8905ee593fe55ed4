package org.hls.query.person;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.hls.query.security.Reader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/people")
class PersonController {

    private final ConsentProjection consent;

    PersonController(ConsentProjection consent) {
        this.consent = consent;
    }

    /** The caller as the platform knows them: one exact-key look at consent. */
    @Operation(summary = "Me: whether I withdrew my consent")
    @GetMapping("/me")
    Me me(Reader reader) {
        return new Me(reader.personId(), consent.wordsOf(List.of(reader.personId())).withdrew(reader.personId()));
    }
}
