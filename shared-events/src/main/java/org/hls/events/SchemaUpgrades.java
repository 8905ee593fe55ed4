package org.hls.events;

import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a payload of an older version becomes the current shape, one version step at a time. The event store's
 * upcaster and the Kafka reader both use these, so an old event reads the same wherever it is read.
 */
public final class SchemaUpgrades {

    /**
     * Per event name, per version, the step to the next version. A step adds what the version added as absent, and
     * never overwrites: a payload of a newer shape labelled older (by a release that did not know the newer one)
     * keeps what it says.
     */
    private static final Map<String, Map<Integer, UnaryOperator<ObjectNode>>> STEPS = Map.of(
            // Version 3 seals the title like the other personal fields; the shape stays, a title in the clear reads so.
            "ExperimentProposed", Map.of(1, json -> absent(json, "endsBy", "storyId"), 2, json -> json),
            "ExperimentAdapted", Map.of(1, json -> absent(json, "endsBy")),
            "ExperimentConcluded", Map.of(1, json -> absent(json, "ending", "endingNote")),
            "LearningRecorded", Map.of(1, json -> absent(json, "storyId", "cohortId")),
            // Version 2 seals the set's name; the shape stays, a name in the clear reads so.
            "ActionLearningSetFormed", Map.of(1, json -> json),
            // Version 2 seals the cohort's name, as a set's.
            "CohortFormed", Map.of(1, json -> json),
            // Version 2 seals the problem with the presenter's key; the shape stays, one sealed by its writer reads so.
            "ProblemPresented", Map.of(1, json -> json),
            // Version 2 names who committed to the action, and seals the note with their key.
            "ActionUpdated", Map.of(1, json -> absent(json, "committedBy")));

    private SchemaUpgrades() {
    }

    private static ObjectNode absent(ObjectNode json, String... fields) {
        for (String field : fields) {
            if (!json.has(field)) {
                json.putNull(field);
            }
        }
        return json;
    }

    /** The payload of {@code type} at {@code version}, upgraded in place to the current version. */
    public static ObjectNode upgrade(Class<? extends DomainEvent> type, int version, ObjectNode payload) {
        int current = EventTypes.schemaVersionOf(type);
        Map<Integer, UnaryOperator<ObjectNode>> steps = STEPS.getOrDefault(EventTypes.nameOf(type), Map.of());
        for (int from = version; from < current; from++) {
            UnaryOperator<ObjectNode> step = steps.get(from);
            if (step == null) {
                throw new IllegalStateException("No upgrade of " + EventTypes.nameOf(type) + " from version " + from);
            }
            payload = step.apply(payload);
        }
        return payload;
    }
}
