package org.hls.query.cohort;

import java.util.List;

import org.bson.Document;
import org.hls.query.person.Words;

/**
 * A cohort as a list offers it to join.
 *
 * @param formedBy  the person id of the facilitator who formed it
 * @param enrolled  whether the reader is enrolled in it
 * @param ended     whether its course is done: nobody enrols or records learning in it
 */
public record CohortSummary(String cohortId, String name, List<String> themes, String formedBy, String formedByName,
                            String organisation, int members, boolean enrolled, boolean ended) {

    /** {@code words} open the name of who formed it (sealed as personal data), or say they withdrew. */
    static CohortSummary of(Document cohort, String personId, Words words) {
        List<String> members = cohort.getList("members", String.class, List.of());
        String formedBy = cohort.getString("formedBy");
        return new CohortSummary(cohort.getString("_id"), cohort.getString("name"),
                cohort.getList("themes", String.class, List.of()), formedBy,
                words.shown(cohort.getString("formedByName"), formedBy), cohort.getString("organisation"),
                members.size(), members.contains(personId), cohort.getBoolean("ended", false));
    }

    /** Its members and the facilitator who formed it read what is recorded in it. */
    boolean isOpenTo(String personId) {
        return enrolled || formedBy.equals(personId);
    }
}
