package org.hls.command.person;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.hls.command.Caller;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;
import org.hls.events.PersonalData;
import org.hls.events.SpokenFor;
import org.springframework.stereotype.Component;

/**
 * Refuses a command carrying its caller's own words ({@link PersonalData} components), or a problem a facilitator
 * writes down for a member ({@link SpokenFor}), once whoever's words they are has withdrawn their consent: the words
 * would be stored as {@code [withdrawn]}, recorded for nothing, while the person was told they were. (A note on
 * someone's action is checked by the set, which alone knows who committed to it.) What carries none (leaving a set, a
 * score) is still theirs to do, and so is a retraction, whose reason is kept unmarked on purpose: taking an entry back
 * must not be refused, and its reason reads {@code [withdrawn]}. Axon's Spring Boot auto-configuration registers it, as
 * a dispatch interceptor bean, with the command gateway.
 */
@Component
class WordsAfterWithdrawal implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** Each command type's components holding a person's words, and the one naming who sends it. */
    private static final ClassValue<Words> WORDS = new ClassValue<>() {
        @Override
        protected Words computeValue(Class<?> type) {
            RecordComponent[] components = type.isRecord() ? type.getRecordComponents() : new RecordComponent[0];
            return new Words(Arrays.stream(components).filter(c -> c.isAnnotationPresent(PersonalData.class)).toList(),
                    Arrays.stream(components).filter(c -> c.getType() == Caller.class).findFirst().orElse(null));
        }
    };

    private final Consents keys;

    WordsAfterWithdrawal(Consents keys) {
        this.keys = keys;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> commands) {
        return (index, command) -> {
            Object payload = command.getPayload();
            Words words = WORDS.get(payload.getClass());
            if (words.caller() == null || !words.present(payload)) {
                return command;
            }
            if (keys.withdrawn(((Caller) words.value(words.caller(), payload)).personId())) {
                throw new CommandRefused(Refusal.CONFLICT, "refused.person.words-after-withdrawal");
            }
            if (payload instanceof SpokenFor spoken && spoken.speaker() != null && keys.withdrawn(spoken.speaker())) {
                throw new CommandRefused(Refusal.CONFLICT, "refused.person.words-of-someone-withdrawn");
            }
            return command;
        };
    }

    private record Words(List<RecordComponent> texts, RecordComponent caller) {

        boolean present(Object command) {
            return texts.stream().anyMatch(text -> value(text, command) instanceof String written && !written.isBlank());
        }

        Object value(RecordComponent component, Object command) {
            try {
                return component.getAccessor().invoke(command);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("A command's components are public", e);
            }
        }
    }
}
