package org.hls.command.support;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;

/**
 * Matches a {@link CommandRefused} by its refusal (and the field it names), for {@code expectException(...)}.
 */
public final class Refused {

    private Refused() {
    }

    public static Matcher<CommandRefused> as(Refusal refusal) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRefused refused) {
                return refused.refusal() == refusal;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a command refused as " + refusal);
            }
        };
    }

    /** A command refused as invalid, naming {@code field}. */
    public static Matcher<CommandRefused> invalid(String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRefused refused) {
                return refused.refusal() == Refusal.INVALID && field.equals(refused.field());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a command refused as invalid, naming " + field);
            }
        };
    }
}
