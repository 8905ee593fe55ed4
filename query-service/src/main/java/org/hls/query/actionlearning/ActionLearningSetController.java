package org.hls.query.actionlearning;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.hls.query.security.Reader;
import org.hls.query.web.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/sets")
class ActionLearningSetController {

    private final ActionLearningSetProjection projection;
    private final SetMembershipProjection membership;
    private final Clock clock;

    ActionLearningSetController(ActionLearningSetProjection projection, SetMembershipProjection membership,
                                Clock clock) {
        this.projection = projection;
        this.membership = membership;
        this.clock = clock;
    }

    /** A set's content: for its members and facilitator only, leaders and administrators included in "anyone else". */
    @Operation(summary = "Read an action learning set (its members and facilitator only)")
    @GetMapping("/{setId}")
    ActionLearningSetView set(@PathVariable String setId, Reader reader) {
        ActionLearningSetView set = projection.set(setId).orElseThrow(() ->
                new Refusal(HttpStatus.NOT_FOUND, "refused.set.unknown"));
        if (!set.isOpenTo(reader.personId())) {
            throw new Refusal(HttpStatus.FORBIDDEN, "refused.set.members-only");
        }
        return set.readBy(reader.personId());
    }

    /** The sets the caller facilitates or belongs to: those that still meet first, then those that ended. */
    @Operation(summary = "My action learning sets")
    @GetMapping("/mine")
    List<MySet> mine(Reader reader) {
        return setsOf(reader).stream().map(MySet::of).sorted(MySet.ORDER).toList();
    }

    /** The actions the caller committed to in their sets, with their last update: overdue ones first, then by day. */
    @Operation(summary = "My actions from action learning sessions")
    @GetMapping("/mine/actions")
    List<MyAction> myActions(Reader reader) {
        LocalDate today = LocalDate.now(clock);
        return setsOf(reader).stream().flatMap(set -> MyAction.of(set, reader.personId(), today).stream())
                .sorted(MyAction.ORDER).toList();
    }

    /** The caller's sets in the order their membership lists them, read at once. */
    private List<ActionLearningSetView> setsOf(Reader reader) {
        List<String> ids = membership.setsOf(reader.personId());
        return projection.sets(ids).stream().filter(set -> set.isOpenTo(reader.personId()))
                .map(set -> set.readBy(reader.personId()))
                .sorted(Comparator.comparingInt(set -> ids.indexOf(set.setId()))).toList();
    }
}
