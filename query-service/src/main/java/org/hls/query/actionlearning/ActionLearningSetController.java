package org.hls.query.actionlearning;

import io.swagger.v3.oas.annotations.Operation;
import org.hls.query.security.Reader;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/sets")
class ActionLearningSetController {

    private final ActionLearningSetProjection projection;

    ActionLearningSetController(ActionLearningSetProjection projection) {
        this.projection = projection;
    }

    /** A set's content: for its members and facilitator only, leaders and administrators included in "anyone else". */
    @Operation(summary = "Read an action learning set (its members and facilitator only)")
    @GetMapping("/{setId}")
    ActionLearningSetView set(@PathVariable String setId, Reader reader) {
        ActionLearningSetView set = projection.set(setId).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No action learning set has this id."));
        if (!set.isOpenTo(reader.personId())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "Only the members and the facilitator of this action learning set may read it.");
        }
        return set;
    }
}
