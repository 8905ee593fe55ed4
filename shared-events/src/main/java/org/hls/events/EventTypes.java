package org.hls.events;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
import org.hls.events.cohort.CohortEnded;
import org.hls.events.cohort.CohortFormed;
import org.hls.events.cohort.CohortMemberEnrolled;
import org.hls.events.cohort.CohortMemberLeft;
import org.hls.events.exchange.ExchangePostRetracted;
import org.hls.events.exchange.ExchangePosted;
import org.hls.events.experiment.ExperimentAdapted;
import org.hls.events.experiment.ExperimentAmplified;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentEndingRecorded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.learning.LearningAmplified;
import org.hls.events.learning.LearningCorrected;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.events.person.ConsentWithdrawn;
import org.hls.events.story.StoryConsentNarrowed;
import org.hls.events.story.StoryRecorded;

/**
 * Every released event type, by the name it travels under. A name, once released, always means the same type.
 */
public final class EventTypes {

    private static final List<Class<? extends DomainEvent>> ALL = List.of(
            ExperimentProposed.class,
            ExperimentStarted.class,
            ExperimentAdapted.class,
            ExperimentConcluded.class,
            ExperimentEndingRecorded.class,
            LearningRecorded.class,
            LearningAmplified.class,
            LearningRetracted.class,
            ActionLearningSetFormed.class,
            MemberJoined.class,
            MemberLeft.class,
            FacilitationHandedOver.class,
            SessionOpened.class,
            ActionUpdated.class,
            ProblemPresented.class,
            QuestionAsked.class,
            InsightRecorded.class,
            ActionCommitted.class,
            SessionEvaluated.class,
            SessionClosed.class,
            ActionLearningSetEnded.class,
            FacilitatorLeft.class,
            StoryRecorded.class,
            StoryConsentNarrowed.class,
            CohortFormed.class,
            CohortMemberEnrolled.class,
            ExchangePosted.class,
            ConsentWithdrawn.class,
            ExchangePostRetracted.class,
            ExperimentAmplified.class,
            CohortMemberLeft.class,
            CohortEnded.class,
            LearningCorrected.class);

    private static final Map<String, Class<? extends DomainEvent>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    /** Read once: an annotation is looked up reflectively, and every event read and written asks. */
    private static final Map<Class<?>, Integer> VERSIONS = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), EventTypes::annotatedVersionOf));

    private EventTypes() {
    }

    public static List<Class<? extends DomainEvent>> all() {
        return ALL;
    }

    /** The type registered under {@code name}, or {@code null} when this build does not know it. */
    public static Class<? extends DomainEvent> byName(String name) {
        return BY_NAME.get(name);
    }

    public static String nameOf(Class<?> type) {
        return type.getSimpleName();
    }

    /** The type name of an event stored under the class name {@code storedAs}, known to this build or not. */
    public static String nameOfStored(String storedAs) {
        return storedAs.substring(storedAs.lastIndexOf('.') + 1);
    }

    public static int schemaVersionOf(Class<?> type) {
        Integer known = VERSIONS.get(type);
        return known != null ? known : annotatedVersionOf(type);
    }

    private static int annotatedVersionOf(Class<?> type) {
        SchemaVersion version = type.getAnnotation(SchemaVersion.class);
        if (version == null) {
            throw new IllegalArgumentException(type.getName() + " has no @SchemaVersion");
        }
        return version.value();
    }
}
