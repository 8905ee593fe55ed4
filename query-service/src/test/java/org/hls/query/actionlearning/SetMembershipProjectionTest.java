package org.hls.query.actionlearning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.hls.events.Actor;
import org.hls.events.actionlearning.ActionLearningSetFormed;
import org.hls.events.actionlearning.FacilitationHandedOver;
import org.hls.events.actionlearning.MemberJoined;
import org.hls.events.actionlearning.MemberLeft;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.ViewCollections;
import org.hls.query.support.ProjectionTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SetMembershipProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    private static final Actor FIONA = actor("fiona", "org-a", "team-3");

    private SetMembershipProjection projection;
    private List<ProjectedEvent> history;

    @BeforeEach
    void setUp() {
        projection = new SetMembershipProjection(ViewCollections.of(database));
        history = List.of(
                event("front-door", 0, new ActionLearningSetFormed("front-door", "Front door", "fiona",
                        List.of("alice", "bob"), FIONA, AT)),
                event("rent", 0, new ActionLearningSetFormed("rent", "Rent", "fiona", List.of("alice", "carol"),
                        FIONA, AT)),
                event("front-door", 1, new MemberJoined("front-door", "dan", FIONA, AT)),
                event("front-door", 2, new MemberLeft("front-door", "alice", FIONA, AT)),
                event("front-door", 3, new MemberJoined("front-door", "alice", FIONA, AT)),
                event("rent", 1, new MemberLeft("rent", "alice", actor("alice", "org-a", "team-1"), AT)));
        projection.apply(history);
    }

    @Test
    void eachPersonHasTheSetsTheyFacilitateOrBelongToNow() {
        assertThat(projection.setsOf("fiona")).containsExactlyInAnyOrder("front-door", "rent");
        assertThat(projection.setsOf("alice")).containsExactly("front-door");
        assertThat(projection.setsOf("carol")).containsExactly("rent");
        assertThat(projection.setsOf("dan")).containsExactly("front-door");
        assertThat(projection.setsOf("erin")).isEmpty();
    }

    @Test
    void whoeverFacilitatesASetFromAHandoverHasItAndTheFacilitatorBeforeNoLonger() {
        projection.apply(List.of(event("rent", 2, new FacilitationHandedOver("rent", "gwen", "fiona", FIONA, AT))));

        assertThat(projection.setsOf("gwen")).containsExactly("rent");
        assertThat(projection.setsOf("fiona")).containsExactly("front-door");
    }

    @Test
    void anOldBatchAppliedLateByAConsumerThatLostItsPartitionsChangesNothing() {
        // Alice left the front door at sequence 2 and came back at 3; a zombie consumer still holds 0 to 2.
        projection.apply(history.subList(0, 4));

        assertThat(projection.setsOf("alice")).containsExactly("front-door");
        assertThat(projection.setsOf("dan")).containsExactly("front-door");
    }

    @Test
    void aHistoryDeliveredAgainEndsTheSame() {
        projection.apply(history);
        projection.apply(history.subList(2, history.size()));

        assertThat(projection.setsOf("alice")).containsExactly("front-door");
        assertThat(projection.setsOf("fiona")).containsExactlyInAnyOrder("front-door", "rent");
    }
}
