package org.hls.command.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text a person typed: no control characters (line breaks only where {@code multiline} allows them), no
 * bidirectional controls (which make text display as other than it reads: U+061C, U+200E-F, U+202A-E, U+2066-9), no
 * invisible characters that join or hide nothing (U+200B, U+2060, U+FEFF, the byte order mark) and no lone
 * surrogate, no line or paragraph separator (U+2028, U+2029) outside {@code multiline} text. They are refused rather
 * than removed, so that what is recorded is what was sent. The zero-width joiners (U+200C, U+200D) stay allowed:
 * scripts and emoji need them. Text that shows nothing though it holds more than spaces (only joiners, fillers such as
 * U+3164 or U+2800, a soft hyphen, a no-break space) is refused too: it would be recorded as something said.
 */
@Documented
@Constraint(validatedBy = CleanText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface CleanText {

    boolean multiline() default false;

    String message() default "{validation.clean-text}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CleanText, String> {

        private boolean multiline;

        @Override
        public void initialize(CleanText annotation) {
            multiline = annotation.multiline();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            boolean shown = false;
            boolean unseen = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))
                        || isBidiControl(c) || c == '\u200B' || c == '\u2060' || c == '\uFEFF'
                        || !multiline && (c == '\u2028' || c == '\u2029')) {
                    return false;
                }
                if (showsNothing(value.codePointAt(i))) {
                    unseen |= !Character.isWhitespace(c);
                } else {
                    shown = true;
                }
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return false;
                }
            }
            // Only spaces: @NotBlank says whether that may be sent.
            return shown || !unseen;
        }

        /** Whether the character shows nothing on a screen: a space, a format character, a filler. */
        private static boolean showsNothing(int codePoint) {
            return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                    || Character.getType(codePoint) == Character.FORMAT || codePoint == 0x115F || codePoint == 0x1160
                    || codePoint == 0x3164 || codePoint == 0xFFA0 || codePoint == 0x2800;
        }

        private static boolean isBidiControl(char c) {
            return c == '\u061C' || c == '\u200E' || c == '\u200F' || c >= '\u202A' && c <= '\u202E'
                    || c >= '\u2066' && c <= '\u2069';
        }
    }
}
