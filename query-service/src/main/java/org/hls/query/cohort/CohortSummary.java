package org.hls.query.cohort;

import java.util.List;

import org.bson.Document;

/**
 * A cohort as a list offers it to join.
 *
 * @param formedBy  the person id of the facilitator who formed it
 * @param enrolled  whether the reader is enrolled in it
 */
public record CohortSummary(String cohortId, String name, List<String> themes, String formedBy, String formedByName,
                            String organisation, int members, boolean enrolled) {

    static CohortSummary of(Document cohort, String personId) {
        List<String> members = cohort.getList("members", String.class, List.of());
        return new CohortSummary(cohort.getString("_id"), cohort.getString("name"),
                cohort.getList("themes", String.class, List.of()), cohort.getString("formedBy"),
                cohort.getString("formedByName"), cohort.getString("organisation"), members.size(),
                members.contains(personId));
    }

    /** Its members and the facilitator who formed it read what is recorded in it. */
    boolean isOpenTo(String personId) {
        return enrolled || formedBy.equals(personId);
    }
}
