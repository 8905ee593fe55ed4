package org.hls.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event field that holds a person's own words or identity. Such fields can be made unreadable per person
 * (crypto-shredding) when that person withdraws consent, although the event log itself never changes. On a command,
 * it marks the words its sender writes: refused once they have withdrawn.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {
}
