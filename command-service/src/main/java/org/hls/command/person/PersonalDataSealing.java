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

/**
 * Seals every {@link PersonalData} text of an event as it is stored, with the key of the person who wrote it: the
 * event's actor (for the actor's own name, that person). Events in memory, and so every decision, keep the words as
 * written; the event store, and so the topic and every replay, only ever hold them sealed.
 */
public class PersonalDataSealing extends SimpleModule {

    public PersonalDataSealing(PersonalKeys keys) {
        super("personal-data-sealing");
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                                                             List<BeanPropertyWriter> properties) {
                return properties.stream().map(property -> property.getAnnotation(PersonalData.class) == null
                        ? property : new Sealed(property, keys)).toList();
            }
        });
    }

    private static final class Sealed extends BeanPropertyWriter {

        private final transient PersonalKeys keys;

        Sealed(BeanPropertyWriter property, PersonalKeys keys) {
            super(property);
            this.keys = keys;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator json, SerializerProvider provider) throws Exception {
            Object text = get(bean);
            if (text == null) {
                super.serializeAsField(bean, json, provider);
                return;
            }
            json.writeFieldName(_name);
            json.writeString(keys.seal(writerOf(bean), (String) text));
        }

        private static String writerOf(Object bean) throws IOException {
            String personId = bean instanceof DomainEvent event && event.actor() != null ? event.actor().personId()
                    : bean instanceof Actor actor ? actor.personId() : null;
            if (personId == null) {
                throw new IOException("Personal data of " + bean.getClass().getSimpleName() + " has no writer to "
                        + "seal it for");
            }
            return personId;
        }
    }
}
