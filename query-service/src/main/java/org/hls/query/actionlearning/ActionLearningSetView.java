package org.hls.query.actionlearning;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.bson.Document;
import org.hls.query.person.Words;

/**
 * Everything said in a set, for its members and facilitator; each session for those who were in the set while it
 * was held ({@link #readBy}).
 *
 * @param endedAt          when its facilitator ended it (it meets no more), or {@code null} while it meets
 * @param actionsGoingOn   the actions committed in it not done yet, by id, as the set knows them (a later session's
 *                         update may be one its reader did not read); only those its reader reads are named
 * @param facilitatorLeft  whether its facilitator left it, as they may once it has ended: they read it no more
 */
public record ActionLearningSetView(String setId,
                                    String name,
                                    String facilitator,
                                    List<String> members,
                                    List<Session> sessions,
                                    Instant endedAt,
                                    List<String> actionsGoingOn,
                                    @JsonIgnore boolean facilitatorSinceFormed,
                                    @JsonIgnore boolean facilitatorLeft) {

    /** Whether {@code personId} may read this set: its facilitator (until they leave it) or a member, nobody else. */
    public boolean isOpenTo(String personId) {
        return !facilitatorLeft && facilitator.equals(personId) || members.contains(personId);
    }

    /**
     * The set as {@code personId} reads it: what was said in a session held before they joined, or while they were
     * away, stayed with those who were there ({@link Session#withheld}); its number and whether it closed remain. A
     * facilitator who took it over reads as a member does, from when they took it over or joined.
     */
    public ActionLearningSetView readBy(String personId) {
        if (facilitatorSinceFormed && facilitator.equals(personId)) {
            return this;
        }
        List<Session> read = sessions.stream()
                .map(session -> session.members().contains(personId) ? session : session.asWithheld()).toList();
        Set<String> readActions = read.stream().flatMap(session -> session.actions().stream())
                .map(Contribution::actionId).collect(Collectors.toSet());
        return new ActionLearningSetView(setId, name, facilitator, members, read, endedAt,
                actionsGoingOn.stream().filter(readActions::contains).toList(), facilitatorSinceFormed,
                facilitatorLeft);
    }

    /**
     * @param members         who was in the set (its facilitator too) at some moment while the session was held
     * @param withheld        held while its reader was not in the set: nothing of what was said in it is shown
     * @param updatesWaiting  how many actions of earlier sessions still wait for their update in it (updates come
     *                        before a problem is presented): a count, which someone who joined later needs too
     */
    public record Session(int number,
                          boolean closed,
                          boolean withheld,
                          int updatesWaiting,
                          List<String> members,
                          String presenter,
                          String problem,
                          List<Contribution> updates,
                          List<Contribution> questions,
                          List<Contribution> insights,
                          List<Contribution> actions,
                          List<Contribution> evaluations) {

        /**
         * A session as stored, shown: {@code inSet} opens the set's seal, {@code words} the speaker's within it. What
         * is said of a presenter's problem or of the actions they committed ({@code committedBy}, by action id) is
         * theirs, whoever recorded it (the facilitator may): sealed with their key (with the writer's before events
         * said whose words they were), it reads {@code [withdrawn]} once they withdraw, not when the writer does.
         */
        static Session of(Document session, int updatesWaiting, List<String> members, Words words,
                          UnaryOperator<String> inSet, Map<String, String> committedBy) {
            String presenter = session.getString("presenter");
            return new Session(session.getInteger("number"), session.getBoolean("closed", false), false,
                    updatesWaiting, members,
                    presenter,
                    words.shown(inSet.apply(session.getString("problem")), presenter,
                            session.getString("problemBy")),
                    contributions(session, "updates", "note", words, inSet, committedBy),
                    contributions(session, "questions", "text", words, inSet, committedBy),
                    contributions(session, "insights", "text", words, inSet, committedBy),
                    contributions(session, "actions", "text", words, inSet, committedBy),
                    contributions(session, "evaluations", "comment", words, inSet, committedBy));
        }

        /** This session as shown to someone who was not in the set while it was held. */
        Session asWithheld() {
            return new Session(number, closed, true, 0, List.of(), null, null, List.of(), List.of(), List.of(),
                    List.of(), List.of());
        }

        private static List<Contribution> contributions(Document session, String list, String textField,
                                                        Words words, UnaryOperator<String> inSet,
                                                        Map<String, String> committedBy) {
            return session.getList(list, Document.class, List.of()).stream()
                    .map(item -> {
                        String owner = item.getString("actionId") == null ? null
                                : committedBy.get(item.getString("actionId"));
                        String text = words.shown(inSet.apply(item.getString(textField)), owner,
                                item.getString("by"));
                        return new Contribution(item.getString("by"), text, item.getString("actionId"),
                                item.getString("status"), item.getString("dueBy"), item.getInteger("score"));
                    })
                    .toList();
        }
    }

    /**
     * One thing someone said or did in a session; fields that do not apply to its kind are {@code null}.
     *
     * @param by the person id of who said it
     */
    public record Contribution(String by, String text, String actionId, String status, String dueBy,
                               Integer score) {
    }
}
