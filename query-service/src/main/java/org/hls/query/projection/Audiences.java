package org.hls.query.projection;

import java.util.List;

import org.hls.events.Actor;
import org.hls.events.Visibility;

/**
 * The audiences what someone shares is told to, each by a key of its own: the person alone, their team, their
 * organisation, the whole system. A read model that lists by audience reads a reader's four keys, exactly.
 */
public final class Audiences {

    private Audiences() {
    }

    /** The audience of something {@code author} shared at {@code visibility}. */
    public static String of(Visibility visibility, Actor author) {
        return switch (visibility) {
            case PRIVATE -> "person:" + author.personId();
            case TEAM -> "team:" + author.organisation() + "/" + author.team();
            case ORGANISATION -> "organisation:" + author.organisation();
            case SYSTEM -> "system";
        };
    }

    /** The four audiences a person belongs to: themselves, their team, their organisation, the whole system. */
    public static List<String> of(Actor reader) {
        return List.of(of(Visibility.PRIVATE, reader), of(Visibility.TEAM, reader),
                of(Visibility.ORGANISATION, reader), of(Visibility.SYSTEM, reader));
    }
}
