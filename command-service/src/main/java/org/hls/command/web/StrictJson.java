package org.hls.command.web;

import java.text.Normalizer;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
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
                .addModule(new SimpleModule("composed-text").addDeserializer(String.class, new ComposedText()));
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
