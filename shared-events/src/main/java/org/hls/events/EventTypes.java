package org.hls.events;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hls.events.experiment.ExperimentAdapted;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.learning.LearningRecorded;

/**
 * Every released event type, by the name it travels under. A name, once released, always means the same type.
 */
public final class EventTypes {

    private static final List<Class<? extends DomainEvent>> ALL = List.of(
            ExperimentProposed.class,
            ExperimentStarted.class,
            ExperimentAdapted.class,
            ExperimentConcluded.class,
            LearningRecorded.class);

    private static final Map<String, Class<? extends DomainEvent>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

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

    public static int schemaVersionOf(Class<?> type) {
        SchemaVersion version = type.getAnnotation(SchemaVersion.class);
        if (version == null) {
            throw new IllegalArgumentException(type.getName() + " has no @SchemaVersion");
        }
        return version.value();
    }
}
