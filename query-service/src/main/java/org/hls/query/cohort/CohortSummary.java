package org.hls.query.cohort;

import java.util.List;

import org.bson.Document;
import org.hls.query.person.Words;

/**
 * A cohort as a list offers it to join, to its reader.
 *
 * @param name        its name, which goes with the words of the facilitator who formed it
 * @param themes      its themes, none once the facilitator who formed it withdrew
 * @param enrolled    whether the reader is enrolled in it
 * @param facilitating whether the reader is the facilitator who formed it, who ends it
 * @param ended       whether its course is done: nobody enrols or records learning in it
 */
public record CohortSummary(String cohortId, String name, List<String> themes, String formedByName,
                            String organisation, int members, boolean enrolled, boolean facilitating, boolean ended) {

    /**
     * {@code words} open the name of who formed it (sealed as personal data), or say they withdrew: then its name and
     * themes, their words too, are not shown, nor is their sign-in id to anyone.
     */
    static CohortSummary of(Document cohort, String personId, Words words) {
        List<String> members = cohort.getList("members", String.class, List.of());
        String formedBy = cohort.getString("formedBy");
        List<String> themes = words.withdrew(formedBy) ? List.of() : cohort.getList("themes", String.class, List.of());
        return new CohortSummary(cohort.getString("_id"), words.shown(cohort.getString("name"), formedBy), themes,
                words.shown(cohort.getString("formedByName"), formedBy), cohort.getString("organisation"),
                members.size(), members.contains(personId), formedBy.equals(personId),
                cohort.getBoolean("ended", false));
    }

    /** Its members and the facilitator who formed it read what is recorded in it. */
    boolean isOpenToItsReader() {
        return enrolled || facilitating;
    }
}
