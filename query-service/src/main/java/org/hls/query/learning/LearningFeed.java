package org.hls.query.learning;

import java.util.List;

import org.bson.Document;
import org.hls.events.Actor;
import org.hls.query.person.Words;

/**
 * One page of the learning feed, newest first.
 *
 * @param next the cursor for the following page ({@code before=next}), or {@code null} on the last page
 */
public record LearningFeed(List<Item> items, Long next) {

    /** What a retracted entry's words read where a view of a past instant still lists it. */
    public static final String RETRACTED = "[retracted]";

    /**
     * One piece of learning as its reader sees it.
     *
     * @param author      its author's name; {@code null} when shared without a name
     * @param anonymous   whether it was shared without its author's name
     * @param position    its place in the whole history, which orders the feed
     * @param corrections each time its author said it anew, oldest first: what it said until then, and why
     */
    public record Item(String id,
                       String kind,
                       String summary,
                       String detail,
                       List<String> themes,
                       String perspective,
                       String visibility,
                       String experimentId,
                       String storyId,
                       String cohortId,
                       String author,
                       boolean anonymous,
                       String organisation,
                       String team,
                       String at,
                       long position,
                       List<Correction> corrections) {

        static Item of(Document entry, Actor author, Words words) {
            String personId = author.personId();
            List<String> themes = themesWithdrawn(personId, words) ? List.of() : entry.getList("themes", String.class);
            return new Item(entry.getString("_id"), entry.getString("kind"),
                    words.shown(entry.getString("summary"), personId),
                    words.shown(entry.getString("detail"), personId), themes, entry.getString("perspective"),
                    entry.getString("visibility"), entry.getString("experimentId"), entry.getString("storyId"),
                    entry.getString("cohortId"), words.shown(author.name(), personId),
                    Actor.isPseudonym(personId), author.organisation(), author.team(), entry.getString("at"),
                    entry.getLong("position"), entry.getList("corrections", Document.class, List.of()).stream()
                    .map(correction -> new Correction(words.shown(correction.getString("summary"), personId),
                            words.shown(correction.getString("detail"), personId),
                            words.shown(correction.getString("reason"), personId), correction.getString("at")))
                    .toList());
        }
    }

    /**
     * Its author said it anew at {@code at}, for {@code reason}: until then it said {@code summary} (and
     * {@code detail}). The history of how understanding changed stays with it.
     */
    public record Correction(String summary, String detail, String reason, String at) {
    }

    /**
     * Whether an entry's themes, short free text too, went with the words of its author, who withdrew: one shared
     * without a name keeps them, as nothing but the destroyed key linked it to anyone.
     */
    public static boolean themesWithdrawn(String authorId, Words words) {
        return !Actor.isPseudonym(authorId) && words.withdrew(authorId);
    }
}
