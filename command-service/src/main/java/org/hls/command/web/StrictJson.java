package org.hls.command.web;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.ext.javatime.deser.LocalDateDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Command bodies are read as written, never guessed at: an enum by its name only (not {@code 3} for
 * {@code SYSTEM}), a number or yes/no as one (not {@code "4"} or {@code "true"}), a whole number whole (not
 * {@code 4.0}), each field once. Every text is put in Unicode's composed form (NFC), so that the same words typed on
 * two keyboards are stored, counted and searched as one ("café" as one letter é, not e and a combining accent).
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictCommandBodies() {
        return builder -> builder
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new SimpleModule("composed-text").addDeserializer(String.class, new ComposedText()))
                // Found in review: [2099,1,1] was read as a day, and a number (or a text of digits) as an instant.
                .addModule(new SimpleModule("days-and-instants-as-text")
                        .addDeserializer(LocalDate.class, new AsText<>(LocalDate.class,
                                LocalDateDeserializer.INSTANCE))
                        .addDeserializer(Instant.class, new AsText<>(Instant.class, InstantDeserializer.INSTANT)));
    }

    /** A day or an instant as ISO-8601 text only, read by Jackson's own reader of that text. */
    static final class AsText<T> extends StdDeserializer<T> {

        private static final Pattern DIGITS = Pattern.compile("[+-]?\\d+");
        private final ValueDeserializer<T> text;

        AsText(Class<T> type, ValueDeserializer<T> text) {
            super(type);
            this.text = text;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING) || DIGITS.matcher(parser.getString().strip()).matches()) {
                return (T) context.handleUnexpectedToken(handledType(), parser);
            }
            return text.deserialize(parser, context);
        }
    }

    /** Jackson's own reading of a text, then composed (NFC). */
    static final class ComposedText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = super.deserialize(parser, context);
            return text == null ? null : Normalizer.normalize(text, Normalizer.Form.NFC);
        }
    }
}
