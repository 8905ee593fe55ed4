package org.hls.query.actionlearning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An action its reader committed to in one of their sets.
 *
 * @param status  the last update given on it ({@code DONE}, {@code PARTLY}, {@code NOT_DONE}), or {@code null}
 * @param overdue past its due day with no update yet (an action is updated at the session after, and again later
 *                until done), in a set that still meets
 * @param setEnded whether its set has ended: an action without an update then never gets one
 */
public record MyAction(String setId, String setName, int sessionNumber, String actionId, String text, String dueBy,
                       String status, boolean overdue, boolean setEnded) {

    /** Overdue ones first, then by the day they are due. */
    static final Comparator<MyAction> ORDER = Comparator.comparing((MyAction action) -> !action.overdue())
            .thenComparing(MyAction::dueBy);

    /** The actions {@code personId} committed to in {@code set}, each with its last update, on {@code today}. */
    static List<MyAction> of(ActionLearningSetView set, String personId, LocalDate today) {
        List<MyAction> mine = new ArrayList<>();
        for (ActionLearningSetView.Session session : set.sessions()) {
            for (ActionLearningSetView.Contribution action : session.actions()) {
                if (!personId.equals(action.by())) {
                    continue;
                }
                String status = set.sessions().stream().flatMap(later -> later.updates().stream())
                        .filter(update -> action.actionId().equals(update.actionId()))
                        .map(ActionLearningSetView.Contribution::status).reduce((first, last) -> last).orElse(null);
                if (!set.actionsGoingOn().contains(action.actionId())) {
                    // Done, as the set says by its whole history: perhaps in a session its reader did not read (away
                    // from the set then), after an update they read that said it was partly done.
                    status = "DONE";
                }
                boolean overdue = status == null && set.endedAt() == null
                        && LocalDate.parse(action.dueBy()).isBefore(today);
                mine.add(new MyAction(set.setId(), set.name(), session.number(), action.actionId(), action.text(),
                        action.dueBy(), status, overdue, set.endedAt() != null));
            }
        }
        return mine;
    }
}
