package org.hls.query.actionlearning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.hls.events.DomainEvent;
import org.hls.events.actionlearning.ActionCommitted;
import org.hls.events.actionlearning.ActionLearningSetEnded;
import org.hls.events.actionlearning.ActionLearningSetFormed;
import org.hls.events.actionlearning.ActionUpdated;
import org.hls.events.actionlearning.FacilitationHandedOver;
import org.hls.events.actionlearning.FacilitatorLeft;
import org.hls.events.actionlearning.InsightRecorded;
import org.hls.events.actionlearning.MemberJoined;
import org.hls.events.actionlearning.MemberLeft;
import org.hls.events.actionlearning.ProblemPresented;
import org.hls.events.actionlearning.QuestionAsked;
import org.hls.events.actionlearning.SessionClosed;
import org.hls.events.actionlearning.SessionEvaluated;
import org.hls.events.actionlearning.SessionOpened;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.Words;
import org.hls.query.projection.GuardedWrites;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.hls.query.projection.ViewCollections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What happened inside each action learning set, for its members and facilitator only: one document per set,
 * changed by one update per event, conditional on the set's last applied sequence number. Each session is read by
 * those in the set when it closed (or now, while it is open): the set's joins and leavings are kept with the positions
 * they came at, and so is each session's opening and closing.
 */
@Component
public class ActionLearningSetProjection implements Projection {

    private static final Logger log = LoggerFactory.getLogger(ActionLearningSetProjection.class);

    private final MongoCollection<Document> sets;
    private final ConsentProjection consent;
    private final SetKeys setKeys;

    ActionLearningSetProjection(ViewCollections views, ConsentProjection consent, SetKeys setKeys) {
        this.sets = views.collection(name(), "action_learning_sets");
        this.consent = consent;
        this.setKeys = setKeys;
    }

    /**
     * Version 2 keeps who joined and left when, when each session was held, and who formed the set; 3 that its
     * facilitator was in it from its forming, and when each action was committed.
     */
    @Override
    public int version() {
        return 3;
    }

    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new ActionLearningSetProjection(views, consent, setKeys);
    }

    @Override
    public void apply(List<ProjectedEvent> events) {
        for (ProjectedEvent event : events) {
            Document change = changeFor(event.payload(), event.sequence());
            if (change == null) {
                continue;
            }
            String setId = event.envelope().aggregateId();
            change.append("$set", change.get("$set", new Document()).append("sequence", event.sequence()));
            boolean formed = event.payload() instanceof ActionLearningSetFormed;
            if (!GuardedWrites.updateUnlessApplied(sets, GuardedWrites.unapplied(setId, "sequence", event.sequence()),
                    change, formed) && !formed && sets.find(new Document("_id", setId)).first() == null) {
                log.warn("Set {} was never formed in this projection; its {} is not shown", setId,
                        event.envelope().type());
            }
        }
    }

    /**
     * The update an event at {@code sequence} makes to its set's document, or {@code null} for events of other
     * aggregates.
     */
    private static Document changeFor(DomainEvent payload, long sequence) {
        if (payload instanceof ActionLearningSetFormed formed) {
            // The name is sealed with its former's key (the facilitator or a member): it is opened with theirs.
            return new Document("$set", new Document("name", formed.name())
                    .append("formedBy", formed.actor().personId()).append("facilitator", formed.facilitator())
                    .append("members", formed.members()).append("sessions", List.of())
                    .append("memberships", Stream.concat(Stream.of(formed.facilitator()), formed.members().stream())
                            .map(member -> new Document("member", member).append("joined", sequence)).toList()));
        }
        if (payload instanceof MemberJoined joined) {
            return new Document("$addToSet", new Document("members", joined.memberId())).append("$push",
                    new Document("memberships", new Document("member", joined.memberId()).append("joined", sequence)));
        }
        if (payload instanceof MemberLeft left) {
            return new Document("$pull", new Document("members", left.memberId())).append("$push",
                    new Document("memberships", new Document("member", left.memberId()).append("left", sequence)));
        }
        if (payload instanceof FacilitatorLeft left) {
            // The facilitator of an ended set left it: they read it no more.
            return new Document("$set", new Document("facilitatorLeft", true)).append("$push",
                    new Document("memberships", new Document("member", left.facilitator()).append("left", sequence)));
        }
        if (payload instanceof FacilitationHandedOver handedOver) {
            // From now on its facilitator reads the sessions held while they are in the set, as a member does; the
            // one before is out of it, unless they join again as a member (as they do since they stay on).
            return new Document("$set", new Document("facilitator", handedOver.facilitator())
                    .append("handedOver", true))
                    .append("$pull", new Document("members", handedOver.facilitator()))
                    .append("$push", new Document("memberships", new Document("$each", List.of(
                            new Document("member", handedOver.previousFacilitator()).append("left", sequence)
                                    .append("handedOver", true),
                            new Document("member", handedOver.facilitator()).append("joined", sequence)))));
        }
        if (payload instanceof SessionOpened opened) {
            return new Document("$push", new Document("sessions", new Document("number", opened.sessionNumber())
                    .append("opened", sequence)
                    .append("closed", false).append("updates", List.of()).append("questions", List.of())
                    .append("insights", List.of()).append("actions", List.of()).append("evaluations", List.of())));
        }
        if (payload instanceof ActionUpdated updated) {
            return push(updated.sessionNumber(), "updates", new Document("actionId", updated.actionId())
                    .append("status", updated.status().name()).append("note", updated.note())
                    .append("by", updated.actor().personId()));
        }
        if (payload instanceof ProblemPresented presented) {
            return new Document("$set", new Document()
                    .append(session(presented.sessionNumber()) + ".presenter", presented.presenter())
                    .append(session(presented.sessionNumber()) + ".problem", presented.problem())
                    // Who wrote it down (the presenter, or the facilitator for them): their key sealed it before
                    // version 2, which seals it with the presenter's.
                    .append(session(presented.sessionNumber()) + ".problemBy", presented.actor().personId()));
        }
        if (payload instanceof QuestionAsked asked) {
            return push(asked.sessionNumber(), "questions",
                    new Document("text", asked.text()).append("by", asked.actor().personId()));
        }
        if (payload instanceof InsightRecorded insight) {
            return push(insight.sessionNumber(), "insights",
                    new Document("text", insight.text()).append("by", insight.actor().personId()));
        }
        if (payload instanceof ActionCommitted committed) {
            return push(committed.sessionNumber(), "actions", new Document("actionId", committed.actionId())
                    .append("text", committed.text()).append("dueBy", committed.dueBy().toString())
                    .append("by", committed.actor().personId()).append("committedAt", sequence));
        }
        if (payload instanceof SessionEvaluated evaluated) {
            return push(evaluated.sessionNumber(), "evaluations", new Document("score", evaluated.score())
                    .append("comment", evaluated.comment()).append("by", evaluated.actor().personId()));
        }
        if (payload instanceof ActionLearningSetEnded ended) {
            return new Document("$set", new Document("endedAt", ended.occurredAt().toString()));
        }
        if (payload instanceof SessionClosed closed) {
            return new Document("$set", new Document(session(closed.sessionNumber()) + ".closed", true)
                    .append(session(closed.sessionNumber()) + ".closedAt", sequence));
        }
        return null;
    }

    /** The actions committed in {@code set} whose last update, in whichever session, is not that they are done. */
    private static List<String> goingOn(Document set) {
        Map<String, String> lastStatus = new LinkedHashMap<>();
        for (Document session : set.getList("sessions", Document.class, List.of())) {
            session.getList("actions", Document.class, List.of())
                    .forEach(action -> lastStatus.putIfAbsent(action.getString("actionId"), "NONE"));
            session.getList("updates", Document.class, List.of())
                    .forEach(update -> lastStatus.put(update.getString("actionId"), update.getString("status")));
        }
        return lastStatus.entrySet().stream().filter(action -> !"DONE".equals(action.getValue()))
                .map(Map.Entry::getKey).toList();
    }

    /** Who formed the set, whose key seals its name: its facilitator where a set kept before version 2 does not say. */
    private static String formerOf(Document set) {
        return set.getString("formedBy") != null ? set.getString("formedBy") : set.getString("facilitator");
    }

    /**
     * Who was a member when the session closed (or is now, while it is open), in the order they first joined: someone
     * added while it was open took part in it; someone who left during it, or was removed, does not read what was
     * said after, even if added again later. A session kept before version 2 knows no opening: nobody is said to have
     * been in it.
     */
    private static List<String> inTheSetWhenItClosed(List<Document> memberships, Document session) {
        Long opened = session.get("opened") instanceof Number number ? number.longValue() : null;
        if (opened == null) {
            return List.of();
        }
        long closedAt = session.get("closedAt") instanceof Number number ? number.longValue() : Long.MAX_VALUE;
        Map<String, Long> joinedAt = new HashMap<>();
        Set<String> present = new HashSet<>();
        for (Document change : memberships) {
            String member = change.getString("member");
            if (change.get("joined") instanceof Number joined) {
                joinedAt.putIfAbsent(member, joined.longValue());
            } else if (change.get("left") instanceof Number left) {
                Long joined = joinedAt.remove(member);
                if (joined != null && joined <= closedAt && left.longValue() > closedAt) {
                    present.add(member);
                }
            }
        }
        joinedAt.forEach((member, joined) -> {
            if (joined <= closedAt) {
                present.add(member);
            }
        });
        return memberships.stream().map(change -> change.getString("member")).distinct().filter(present::contains)
                .toList();
    }

    /**
     * Whether {@code member} left the set after {@code sequence}: of their own accord or removed, not by handing
     * facilitation over (after which they stay on, or, in a hand-over of an earlier release, are out of the set).
     */
    private static boolean leftSince(List<Document> memberships, String member, Object sequence) {
        long since = sequence instanceof Number number ? number.longValue() : Long.MIN_VALUE;
        return memberships.stream().anyMatch(change -> change.getString("member").equals(member)
                && change.get("left") instanceof Number left && left.longValue() > since
                && !change.getBoolean("handedOver", false));
    }

    private static Document push(int sessionNumber, String list, Document item) {
        return new Document("$push", new Document(session(sessionNumber) + "." + list, item));
    }

    /** Sessions are numbered from 1 and opened in order, so session n is element n-1. */
    private static String session(int sessionNumber) {
        return "sessions." + (sessionNumber - 1);
    }

    /** The set as its people see it, or empty when unknown; with {@code [withdrawn]} for withdrawn people's words. */
    public Optional<ActionLearningSetView> set(String setId) {
        return sets(List.of(setId)).stream().findFirst();
    }

    /** The sets of these ids that exist, as {@link #set} shows each: read at once, with one look at consent. */
    public List<ActionLearningSetView> sets(List<String> setIds) {
        if (setIds.isEmpty()) {
            return List.of();
        }
        List<Document> found = new ArrayList<>();
        sets.find(new Document("_id", new Document("$in", setIds))).forEach(found::add);
        Set<String> people = new HashSet<>();
        for (Document set : found) {
            people.addAll(set.getList("members", String.class));
            people.add(formerOf(set));
            set.getList("sessions", Document.class, List.of()).forEach(session -> {
                people.add(session.getString("presenter"));
                people.add(session.getString("problemBy"));
                for (String list : List.of("updates", "questions", "insights", "actions", "evaluations")) {
                    session.getList(list, Document.class, List.of()).forEach(item -> people.add(item.getString("by")));
                }
            });
        }
        people.remove(null);
        Words words = consent.wordsOf(people);
        List<ActionLearningSetView> shown = new ArrayList<>();
        for (Document set : found) {
            String setId = set.getString("_id");
            UnaryOperator<String> inSet = setKeys.openerOf(setId);
            Map<String, String> committedBy = new HashMap<>();
            set.getList("sessions", Document.class, List.of()).forEach(session -> session.getList("actions",
                    Document.class, List.of()).forEach(action -> committedBy.put(action.getString("actionId"),
                    action.getString("by"))));
            List<Document> memberships = set.getList("memberships", Document.class, List.of());
            List<ActionLearningSetView.Session> sessions = new ArrayList<>();
            // As the set's rules have it: an action waits for its update from the session after the one it was
            // committed in until it is given, however many sessions later, unless who committed it is out of the set
            // (as it is now) or left it since (even should they have come back).
            Set<String> inTheSet = new HashSet<>(set.getList("members", String.class, List.of()));
            inTheSet.add(set.getString("facilitator"));
            Set<String> awaiting = new HashSet<>();
            for (Document session : set.getList("sessions", Document.class, List.of())) {
                session.getList("updates", Document.class, List.of())
                        .forEach(update -> awaiting.remove(update.getString("actionId")));
                int owed = (int) awaiting.stream().filter(action -> inTheSet.contains(committedBy.get(action))).count();
                sessions.add(ActionLearningSetView.Session.of(session, owed,
                        inTheSetWhenItClosed(memberships, session), words, inSet, committedBy));
                session.getList("actions", Document.class, List.of()).stream()
                        .filter(action -> !leftSince(memberships, action.getString("by"), action.get("committedAt")))
                        .forEach(action -> awaiting.add(action.getString("actionId")));
            }
            shown.add(new ActionLearningSetView(setId, words.shown(set.getString("name"), formerOf(set)),
                    set.getString("facilitator"), set.getList("members", String.class), sessions,
                    set.getString("endedAt") == null ? null : Instant.parse(set.getString("endedAt")),
                    goingOn(set), !set.getBoolean("handedOver", false), set.getBoolean("facilitatorLeft", false)));
        }
        return shown;
    }
}
