package org.hls.query.exchange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.exchange.ExchangePostRetracted;
import org.hls.events.exchange.ExchangePosted;
import org.hls.events.exchange.ExchangeSide;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.Words;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.hls.query.projection.ViewCollections;
import org.hls.query.security.Reader;
import org.springframework.stereotype.Component;

/**
 * The learning exchange by theme: who offers what others wish to learn, across the whole system. One document per
 * theme holds its posts, read by exact key; adding a post is {@code $addToSet} of the same value, so a repeat changes
 * nothing. Each reader sees a post only within the visibility its author chose, and none its author took back.
 */
@Component
public class ExchangeMatchesProjection implements Projection {

    private static final String INDEX = "themes";

    private final MongoCollection<Document> themes;
    private final MongoCollection<Document> index;
    /** Each author's posts, by their id alone: what they may take back. */
    private final MongoCollection<Document> postsByAuthor;
    /** The posts taken back, by id: left out of every theme as it is read. */
    private final MongoCollection<Document> retracted;
    private final ConsentProjection consent;

    ExchangeMatchesProjection(ViewCollections views, ConsentProjection consent) {
        this.themes = views.collection(name(), "exchange_themes");
        this.index = views.collection(name(), "exchange_theme_index");
        this.postsByAuthor = views.collection(name(), "exchange_authors");
        this.retracted = views.collection(name(), "exchange_retracted");
        this.consent = consent;
    }

    /** Version 2 keeps each author's posts and those taken back; 3 each theme as events now carry it. */
    @Override
    public int version() {
        return 3;
    }

    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new ExchangeMatchesProjection(views, consent);
    }

    @Override
    public void apply(List<ProjectedEvent> events) {
        for (ProjectedEvent event : events) {
            if (event.payload() instanceof ExchangePosted posted) {
                Actor author = posted.actor();
                Document post = new Document("postId", posted.postId()).append("side", posted.side().name())
                        .append("text", posted.text()).append("visibility", posted.visibility().name())
                        .append("authorId", author.personId()).append("authorName", author.name())
                        .append("organisation", author.organisation()).append("team", author.team())
                        .append("place", author.place()).append("at", posted.occurredAt().toEpochMilli());
                for (String theme : posted.themes()) {
                    themes.updateOne(new Document("_id", theme), new Document("$addToSet", new Document("posts", post)),
                            new UpdateOptions().upsert(true));
                }
                index.updateOne(new Document("_id", INDEX), new Document("$addToSet",
                        new Document("themes", new Document("$each", posted.themes()))), new UpdateOptions().upsert(true));
                postsByAuthor.updateOne(new Document("_id", author.personId()), new Document("$addToSet",
                        new Document("posts", new Document(post).append("themes", posted.themes()))),
                        new UpdateOptions().upsert(true));
            } else if (event.payload() instanceof ExchangePostRetracted taken) {
                retracted.updateOne(new Document("_id", taken.postId()), new Document("$set",
                        new Document("at", taken.occurredAt().toEpochMilli())), new UpdateOptions().upsert(true));
            }
        }
    }

    /** Of the posts of {@code themeDocuments}, the ids of those taken back. */
    private Set<String> retractedAmong(List<Document> themeDocuments) {
        return retractedOf(themeDocuments.stream().flatMap(theme -> theme.getList("posts", Document.class).stream())
                .toList());
    }

    /** Of {@code posts}, the ids of those taken back: one exact-key read. */
    private Set<String> retractedOf(List<Document> posts) {
        List<String> ids = posts.stream().map(post -> post.getString("postId")).distinct().toList();
        Set<String> taken = new HashSet<>();
        if (!ids.isEmpty()) {
            retracted.find(new Document("_id", new Document("$in", ids)))
                    .forEach(post -> taken.add(post.getString("_id")));
        }
        return taken;
    }

    /** The posts {@code personId} made and has not taken back, newest first. */
    public List<MyExchangePost> postsOf(String personId) {
        Document author = postsByAuthor.find(new Document("_id", personId)).first();
        if (author == null) {
            return List.of();
        }
        List<Document> posts = author.getList("posts", Document.class);
        Set<String> taken = retractedOf(posts);
        Words words = consent.wordsOf(List.of(personId));
        return posts.stream().filter(post -> !taken.contains(post.getString("postId")))
                .sorted(Comparator.comparingLong((Document post) -> post.get("at", 0L)).reversed())
                .map(post -> new MyExchangePost(post.getString("postId"), post.getString("side"),
                        words.shown(post.getString("text"), personId), post.getList("themes", String.class),
                        post.getString("visibility"), post.get("at", 0L)))
                .toList();
    }

    /**
     * The themes of the posts {@code reader} may see, for choosing which to match on: not those only a post the reader
     * may not see carries, nor those only a person who withdrew their consent used.
     */
    public List<String> themes(Reader reader) {
        Document known = index.find(new Document("_id", INDEX)).first();
        if (known == null) {
            return List.of();
        }
        List<Document> themeDocuments = new ArrayList<>();
        themes.find(new Document("_id", new Document("$in", known.getList("themes", String.class))))
                .forEach(themeDocuments::add);
        Set<String> authors = new HashSet<>();
        themeDocuments.forEach(theme -> theme.getList("posts", Document.class)
                .forEach(post -> authors.add(post.getString("authorId"))));
        Words words = consent.wordsOf(authors);
        Set<String> taken = retractedAmong(themeDocuments);
        return themeDocuments.stream()
                .filter(theme -> theme.getList("posts", Document.class).stream()
                        .anyMatch(post -> shown(post, taken, words, reader)))
                .map(theme -> theme.getString("_id")).sorted().toList();
    }

    /** Whether {@code reader} is shown the post: not taken back, its author has not withdrawn, and it reaches them. */
    private static boolean shown(Document post, Set<String> taken, Words words, Reader reader) {
        return !taken.contains(post.getString("postId")) && !words.withdrew(post.getString("authorId"))
                && isVisible(post, reader);
    }

    private static boolean isVisible(Document post, Reader reader) {
        return Visibility.valueOf(post.getString("visibility")).admits(authorOf(post), reader.actor());
    }

    private static Actor authorOf(Document post) {
        return new Actor(post.getString("authorId"), post.getString("authorName"), post.getString("organisation"),
                post.getString("team"), post.getString("place"));
    }

    /**
     * Of the {@code wanted} themes, those where the reader can see an offer and a wish of two different people, with
     * those posts: on each side the {@code page}-th {@code size} of them, newest first. A theme matches whichever page
     * is asked for. Posts of anyone who withdrew consent are left out, as from the themes: nobody could act on them.
     */
    public ExchangeMatchesPage matches(Reader reader, List<String> wanted, int page, int size) {
        List<Document> themeDocuments = new ArrayList<>();
        themes.find(new Document("_id", new Document("$in", wanted))).forEach(themeDocuments::add);
        themeDocuments.sort(Comparator.comparing(theme -> theme.getString("_id")));
        Map<String, Map<ExchangeSide, List<Document>>> shownPerTheme = new LinkedHashMap<>();
        Set<String> authors = new HashSet<>();
        themeDocuments.forEach(theme -> theme.getList("posts", Document.class)
                .forEach(post -> authors.add(post.getString("authorId"))));
        Words words = consent.wordsOf(authors);
        Set<String> taken = retractedAmong(themeDocuments);
        boolean hasNext = false;
        for (Document theme : themeDocuments) {
            Map<ExchangeSide, List<Document>> sides = new EnumMap<>(ExchangeSide.class);
            // Newest first: by when posted, then as applied (posts of different people may be applied in any order).
            List<Document> posts = new ArrayList<>(theme.getList("posts", Document.class));
            Collections.reverse(posts);
            posts.sort(Comparator.comparingLong((Document post) -> post.get("at", 0L)).reversed());
            for (ExchangeSide side : ExchangeSide.values()) {
                sides.put(side, posts.stream().filter(post -> ExchangeSide.valueOf(post.getString("side")) == side
                        && shown(post, taken, words, reader)).toList());
            }
            if (sides.values().stream().anyMatch(List::isEmpty) || onePerson(sides)) {
                continue;
            }
            for (ExchangeSide side : ExchangeSide.values()) {
                List<Document> visible = sides.get(side);
                hasNext |= visible.size() > (page + 1) * size;
                List<Document> shown = visible.subList(Math.min(visible.size(), page * size),
                        Math.min(visible.size(), (page + 1) * size));
                sides.put(side, shown);
            }
            shownPerTheme.put(theme.getString("_id"), sides);
        }
        List<ExchangeMatch> matches = new ArrayList<>();
        shownPerTheme.forEach((theme, sides) -> matches.add(new ExchangeMatch(theme,
                shown(sides.get(ExchangeSide.OFFER), words), shown(sides.get(ExchangeSide.WISH), words))));
        return new ExchangeMatchesPage(matches, hasNext);
    }

    /** Whether every offer and every wish is the same person's: someone who offers what they wish is no match. */
    private static boolean onePerson(Map<ExchangeSide, List<Document>> sides) {
        return sides.values().stream().flatMap(List::stream).map(post -> post.getString("authorId")).distinct()
                .count() == 1;
    }

    private static List<ExchangeMatch.Post> shown(List<Document> posts, Words words) {
        return posts.stream().map(post -> {
            Actor author = authorOf(post);
            return new ExchangeMatch.Post(post.getString("postId"), words.shown(post.getString("text"),
                    author.personId()), words.shown(author.name(), author.personId()), author.organisation());
        }).toList();
    }
}
