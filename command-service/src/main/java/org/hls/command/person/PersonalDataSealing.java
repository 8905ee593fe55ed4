package org.hls.command.person;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.PersonalData;
import org.hls.events.SealedText;
import org.hls.events.SpokenFor;
import org.hls.events.actionlearning.SaidInASet;

/**
 * Seals every {@link PersonalData} text of an event as it is stored, with the key of the person whose words it holds:
 * the event's actor, or the speaker of what someone wrote down for them ({@link SpokenFor}; for the actor's own name,
 * that person); what is said in an action learning set ({@link SaidInASet}) then a second time, with the set's key.
 * Events in memory, and so every decision, keep the words as written; the event store, and so the topic and every
 * replay, only ever hold them sealed.
 */
public class PersonalDataSealing extends SimpleModule {

    public PersonalDataSealing(PersonalKeys keys, SetKeys setKeys) {
        super("personal-data-sealing");
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                                                             List<BeanPropertyWriter> properties) {
                return properties.stream().map(property -> property.getAnnotation(PersonalData.class) == null
                        ? property : new Sealed(property, keys, setKeys)).toList();
            }
        });
    }

    private static final class Sealed extends BeanPropertyWriter {

        private final transient PersonalKeys keys;
        private final transient SetKeys setKeys;

        Sealed(BeanPropertyWriter property, PersonalKeys keys, SetKeys setKeys) {
            super(property);
            this.keys = keys;
            this.setKeys = setKeys;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator json, SerializerProvider provider) throws Exception {
            Object text = get(bean);
            if (text == null) {
                super.serializeAsField(bean, json, provider);
                return;
            }
            json.writeFieldName(_name);
            if (bean instanceof SaidInASet said) {
                // Sealed with the set's key already: an import of this deployment's own replay, kept whole.
                json.writeString(setKeys.sealedBy(said.setId(), (String) text) ? (String) text
                        : setKeys.seal(said.setId(), sealed(bean, (String) text)));
            } else {
                json.writeString(sealed(bean, (String) text));
            }
        }

        private String sealed(Object bean, String text) throws IOException {
            String speaker = writerOf(bean);
            if (bean instanceof SpokenFor && bean instanceof DomainEvent event && event.actor() != null
                    && SealedText.isSealed(text) && !keys.sealedBy(speaker, text)) {
                // Imported as its writer sealed it (a version 1 event): kept while their key opens it, unreadable
                // once they withdrew (as the same event stored here reads).
                String writer = event.actor().personId();
                if (keys.sealedBy(writer, text) || keys.withdrawn(writer)) {
                    return keys.seal(writer, text);
                }
            }
            return keys.seal(speaker, text);
        }

        private static String writerOf(Object bean) throws IOException {
            String personId = bean instanceof SpokenFor spoken ? spoken.speaker()
                    : bean instanceof DomainEvent event && event.actor() != null ? event.actor().personId()
                    : bean instanceof Actor actor ? actor.personId() : null;
            if (personId == null) {
                throw new IOException("Personal data of " + bean.getClass().getSimpleName() + " has no writer to "
                        + "seal it for");
            }
            return personId;
        }
    }
}
