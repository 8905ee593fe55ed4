package org.hls.query.learning;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.events.learning.LearningAmplified;
import org.hls.events.learning.LearningCorrected;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.Words;
import org.hls.query.projection.Audiences;
import org.hls.query.projection.GuardedWrites;
import org.hls.query.projection.ProjectedEvent;
import org.hls.query.projection.Projection;
import org.hls.query.projection.ViewCollections;
import org.hls.query.security.Reader;
import org.springframework.stereotype.Component;

/**
 * The learning feed: each reader's view of the learning they may read, newest first.
 * <p>
 * Every entry has its own document (guarded by its sequence). It is also listed, by id and global position, on a page
 * per audience, day and span of {@value #PAGE_SPAN} global positions: the author alone ({@code PRIVATE}), their team,
 * their organisation, or everyone ({@code SYSTEM}); amplification lists it in the wider audience too. A page holds
 * at most that many items however busy the day, because the store rewrites a whole document on every update: a page
 * per day grew all day and made each new entry cost as much as the day before it. An entry is listed on the day it
 * came (not the day it was noted, which may be a week earlier), so that the days' order is the positions' order and a
 * page's cursor passes over nothing. A small index per audience names
 * its days, and one per audience and day its spans. A reader's feed is the union of their four audiences, read a week
 * of days at a time, newest day first, by exact key. Retraction and withdrawn consent are applied when the feed is
 * read.
 */
@Component
public class LearningFeedProjection implements Projection {

    /** The name that owns its collections (a new layout takes a higher {@link #version()}, and is built afresh). */
    public static final String NAME = "LearningFeed";
    private static final int DAYS_PER_READ = 7;
    static final long PAGE_SPAN = 1024;
    /** How long before it came an entry may have been noted (it waited on a device without a connection). */
    private static final Duration NOTED_BEFORE = Duration.ofDays(7);

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> pages;
    private final MongoCollection<Document> spans;
    private final MongoCollection<Document> days;
    private final ConsentProjection consent;

    public LearningFeedProjection(ViewCollections views, ConsentProjection consent) {
        this.entries = views.collection(name(), "feed_entries");
        this.pages = views.collection(name(), "feed_pages");
        this.spans = views.collection(name(), "feed_spans");
        this.days = views.collection(name(), "feed_days");
        this.consent = consent;
    }

    @Override
    public Projection rebuiltIn(ViewCollections views) {
        return new LearningFeedProjection(views, consent);
    }

    /**
     * Version 2 lists an entry on the day it came, not when noted; version 3 keeps when it was taken back; version 4
     * keeps each theme as events now carry it (whatever its stored text says).
     */
    @Override
    public int version() {
        return 4;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * A poll's events in four round trips, not four per event: the entries' guarded writes in order, then every page,
     * every day's spans and every audience's days once, each with all it gained. An amplification reads its entry, so
     * what is pending is written first.
     */
    @Override
    public void apply(List<ProjectedEvent> events) {
        Pending pending = new Pending();
        for (ProjectedEvent event : events) {
            String learningId = event.envelope().aggregateId();
            if (event.payload() instanceof LearningRecorded recorded) {
                Actor author = recorded.actor();
                LocalDate came = day(event.envelope().knownAt());
                pending.entry(learningId, event.sequence(), new Document("kind", recorded.kind().name())
                        .append("summary", recorded.summary()).append("detail", recorded.detail())
                        .append("themes", recorded.themes()).append("perspective", recorded.perspective().name())
                        .append("visibility", recorded.visibility().name())
                        .append("experimentId", recorded.experimentId()).append("storyId", recorded.storyId())
                        .append("cohortId", recorded.cohortId())
                        .append("author", new Document("personId", author.personId()).append("name", author.name())
                                .append("organisation", author.organisation()).append("team", author.team())
                                .append("place", author.place()))
                        .append("at", recorded.occurredAt().toString()).append("position", event.position())
                        .append("listedOn", came.toString())
                        .append("retracted", false), true);
                pending.list(learningId, event.position(), Audiences.of(recorded.visibility(), author), came);
            } else if (event.payload() instanceof LearningAmplified amplified) {
                pending.write();
                Document entry = entries.find(new Document("_id", learningId)).first();
                if (entry != null) {
                    pending.entry(learningId, event.sequence(),
                            new Document("visibility", amplified.visibility().name()), false);
                    pending.list(learningId, entry.getLong("position"),
                            Audiences.of(amplified.visibility(), authorOf(entry)), listedOn(entry));
                }
            } else if (event.payload() instanceof LearningCorrected corrected) {
                pending.write();
                Document entry = entries.find(new Document("_id", learningId)).first();
                if (entry != null) {
                    // The words said until now stay, with why and when they were said anew: how understanding changed.
                    List<Document> corrections = new ArrayList<>(entry.getList("corrections", Document.class,
                            List.of()));
                    corrections.add(new Document("summary", entry.getString("summary"))
                            .append("detail", entry.getString("detail")).append("reason", corrected.reason())
                            .append("at", corrected.occurredAt().toString()));
                    pending.entry(learningId, event.sequence(), new Document("summary", corrected.summary())
                            .append("detail", corrected.detail()).append("corrections", corrections), false);
                }
            } else if (event.payload() instanceof LearningRetracted retracted) {
                pending.entry(learningId, event.sequence(), new Document("retracted", true)
                        .append("retractedAt", retracted.occurredAt().toString()), false);
            }
        }
        pending.write();
    }

    /** Writes gathered from a poll's events, written together. */
    private final class Pending {

        private final List<UpdateOneModel<Document>> entryWrites = new ArrayList<>();
        private final Map<String, List<Document>> pageItems = new LinkedHashMap<>();
        private final Map<String, Set<Long>> daySpans = new LinkedHashMap<>();
        private final Map<String, Set<String>> audienceDays = new LinkedHashMap<>();

        /** Sets {@code fields} on the entry unless it has applied {@code sequence}; creates it when {@code create}. */
        void entry(String learningId, long sequence, Document fields, boolean create) {
            entryWrites.add(new UpdateOneModel<>(GuardedWrites.unapplied(learningId, "sequence", sequence),
                    new Document("$set", fields.append("sequence", sequence)), new UpdateOptions().upsert(create)));
        }

        /** Lists an entry on an audience's page for its day and position; the same value again changes nothing. */
        void list(String learningId, long position, String audience, LocalDate day) {
            long span = position / PAGE_SPAN;
            pageItems.computeIfAbsent(pageKey(audience, day.toString(), span), page -> new ArrayList<>())
                    .add(new Document("id", learningId).append("position", position));
            daySpans.computeIfAbsent(dayKey(audience, day.toString()), spans -> new LinkedHashSet<>()).add(span);
            audienceDays.computeIfAbsent(audience, days -> new LinkedHashSet<>()).add(day.toString());
        }

        void write() {
            GuardedWrites.updateAllUnlessApplied(entries, entryWrites);
            GuardedWrites.addToSets(pages, "items", pageItems);
            GuardedWrites.addToSets(spans, "spans", daySpans);
            GuardedWrites.addToSets(days, "days", audienceDays);
            entryWrites.clear();
            pageItems.clear();
            daySpans.clear();
            audienceDays.clear();
        }
    }

    /**
     * One page of the reader's feed, newest first: entries recorded before the {@code before} position (a cursor;
     * {@code null} for the first page) that match the filter. Entries are listed by the day they came, a week of days
     * read at a time; once a page is full, the next day is read too for what came just after midnight but was stored
     * before what came just before it (found in review: at a week's edge, such an entry was left out, or shown twice).
     */
    public LearningFeed feed(Reader reader, FeedFilter filter, Long before, int size) {
        List<String> audiences = Audiences.of(reader.actor());
        TreeSet<String> known = new TreeSet<>(Comparator.reverseOrder());
        days.find(new Document("_id", new Document("$in", audiences)))
                .forEach(index -> known.addAll(index.getList("days", String.class, List.of())));
        List<String> wanted = known.stream().filter(day -> filter.coversDay(LocalDate.parse(day), NOTED_BEFORE))
                .toList();
        List<LearningFeed.Item> found = new ArrayList<>();
        int from = 0;
        for (; from < wanted.size() && found.size() < size; from += DAYS_PER_READ) {
            found.addAll(shownOn(wanted.subList(from, Math.min(wanted.size(), from + DAYS_PER_READ)), audiences,
                    reader, filter, before, size - found.size(), Long.MIN_VALUE));
        }
        found.sort(Comparator.comparingLong(LearningFeed.Item::position).reversed());
        if (found.size() >= size && from < wanted.size()) {
            found.addAll(shownOn(wanted.subList(from, from + 1), audiences, reader, filter, before, size,
                    found.get(size - 1).position()));
            found.sort(Comparator.comparingLong(LearningFeed.Item::position).reversed());
        }
        List<LearningFeed.Item> page = found.subList(0, Math.min(size, found.size()));
        return new LearningFeed(List.copyOf(page), page.size() == size ? page.get(size - 1).position() : null);
    }

    /**
     * At most {@code most} of the entries listed on {@code dayList} that {@code reader} may read and {@code filter}
     * chooses, newest first, of those stored after {@code after} and before {@code before} ({@code null}: any).
     */
    private List<LearningFeed.Item> shownOn(List<String> dayList, List<String> audiences, Reader reader,
                                            FeedFilter filter, Long before, int most, long after) {
        List<String> dayKeys = new ArrayList<>();
        for (String day : dayList) {
            audiences.forEach(audience -> dayKeys.add(dayKey(audience, day)));
        }
        List<String> pageKeys = new ArrayList<>();
        spans.find(new Document("_id", new Document("$in", dayKeys))).forEach(day -> day.getList("spans",
                Long.class).stream().filter(span -> (before == null || span * PAGE_SPAN < before)
                        && (span + 1) * PAGE_SPAN > after)
                .forEach(span -> pageKeys.add(pageKey(day.getString("_id"), span))));
        List<String> newest = newestListed(pages, pageKeys, before);
        List<LearningFeed.Item> shown = new ArrayList<>();
        // Entries are read newest first, a few pages' worth at a time, not a busy week's all at once.
        int perRead = Math.max(2 * most, 50);
        for (int next = 0; next < newest.size() && shown.size() < most; next += perRead) {
            List<Document> candidates = new ArrayList<>();
            entries.find(new Document("_id", new Document("$in",
                    newest.subList(next, Math.min(newest.size(), next + perRead))))).forEach(candidates::add);
            candidates.sort(Comparator.comparingLong((Document entry) -> entry.getLong("position")).reversed());
            Set<String> authors = new LinkedHashSet<>();
            candidates.forEach(entry -> authors.add(authorOf(entry).personId()));
            Words words = consent.wordsOf(authors);
            for (Document entry : candidates) {
                if (entry.getLong("position") <= after) {
                    return shown;
                }
                // Themes go with the words of someone who withdrew, and so does the entry when a theme chose it.
                boolean themeOfWithdrawn = filter.theme() != null
                        && LearningFeed.themesWithdrawn(authorOf(entry).personId(), words);
                if (shown.size() < most && isShown(entry, reader, filter) && !themeOfWithdrawn) {
                    shown.add(LearningFeed.Item.of(entry, authorOf(entry), words));
                }
            }
        }
        return shown;
    }

    /**
     * The ids the pages {@code pageKeys} list (items of an id and a position) before the {@code before} position
     * ({@code null}: all), newest first: one exact-key read.
     */
    static List<String> newestListed(MongoCollection<Document> pages, List<String> pageKeys, Long before) {
        Map<String, Long> listed = new HashMap<>();
        pages.find(new Document("_id", new Document("$in", pageKeys))).forEach(listing ->
                listing.getList("items", Document.class).forEach(item ->
                        listed.put(item.getString("id"), item.getLong("position"))));
        return listed.entrySet().stream().filter(item -> before == null || item.getValue() < before)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
    }

    /** The entries among {@code learningIds} that {@code reader} may read, newest first. */
    public List<LearningFeed.Item> entries(List<String> learningIds, Reader reader) {
        if (learningIds.isEmpty()) {
            return List.of();
        }
        List<Document> found = new ArrayList<>();
        entries.find(new Document("_id", new Document("$in", learningIds))).forEach(found::add);
        Words words = consent.wordsOf(found.stream().map(entry -> authorOf(entry).personId())
                .toList());
        return found.stream().filter(entry -> isShown(entry, reader, FeedFilter.NONE))
                .sorted(Comparator.comparingLong((Document entry) -> entry.getLong("position")).reversed())
                .map(entry -> LearningFeed.Item.of(entry, authorOf(entry), words))
                .toList();
    }

    /**
     * The entries among {@code learningIds} that {@code reader} could read and that were taken back since, oldest
     * first: when each was recorded and taken back, and nothing of what it said.
     */
    public List<RetractedEntry> retracted(List<String> learningIds, Reader reader) {
        if (learningIds.isEmpty()) {
            return List.of();
        }
        List<Document> found = new ArrayList<>();
        entries.find(new Document("_id", new Document("$in", learningIds))).forEach(found::add);
        Words words = consent.wordsOf(found.stream().map(entry -> authorOf(entry).personId()).toList());
        return found.stream().filter(entry -> entry.getBoolean("retracted", false) && admits(entry, reader))
                .sorted(Comparator.comparingLong((Document entry) -> entry.getLong("position")))
                .map(entry -> {
                    Actor author = authorOf(entry);
                    return new RetractedEntry(entry.getString("_id"), entry.getString("kind"),
                            words.shown(author.name(), author.personId()), entry.getString("at"),
                            entry.getString("retractedAt"));
                })
                .toList();
    }

    /** What each of {@code learningIds} says in summary, and who said it: one exact-key lookup. */
    public Map<String, Said> summaries(Collection<String> learningIds) {
        Map<String, Said> said = new HashMap<>();
        if (!learningIds.isEmpty()) {
            entries.find(new Document("_id", new Document("$in", List.copyOf(learningIds))))
                    .projection(new Document("summary", 1).append("author.personId", 1))
                    .forEach(entry -> said.put(entry.getString("_id"),
                            new Said(entry.getString("summary"), authorOf(entry).personId())));
        }
        return said;
    }

    /** A learning entry's summary and its author's id. */
    public record Said(String summary, String authorId) {
    }

    /** What each of {@code learningIds} says, and who said it: one exact-key lookup. */
    public Map<String, Authored> authored(Collection<String> learningIds) {
        Map<String, Authored> authored = new HashMap<>();
        if (!learningIds.isEmpty()) {
            entries.find(new Document("_id", new Document("$in", List.copyOf(learningIds))))
                    .forEach(entry -> authored.put(entry.getString("_id"), new Authored(entry.getString("summary"),
                            entry.getString("detail"), authorOf(entry))));
        }
        return authored;
    }

    /** A learning entry's words and its author. */
    public record Authored(String summary, String detail, Actor author) {
    }

    private static boolean isShown(Document entry, Reader reader, FeedFilter filter) {
        return !entry.getBoolean("retracted", false) && admits(entry, reader)
                && filter.matches(entry.getString("kind"), entry.getList("themes", String.class),
                Instant.parse(entry.getString("at")), authorOf(entry));
    }


    /** Whether {@code reader} may read the entry, as its visibility says. */
    private static boolean admits(Document entry, Reader reader) {
        return Visibility.valueOf(entry.getString("visibility")).admits(authorOf(entry), reader.actor());
    }

    private static String dayKey(String audience, String day) {
        return audience + "|" + day;
    }

    private static String pageKey(String audience, String day, long span) {
        return pageKey(dayKey(audience, day), span);
    }

    private static String pageKey(String dayKey, long span) {
        return dayKey + "|" + span;
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** The day an entry is listed on: the day it came (an entry kept before version 2, the day it happened). */
    private static LocalDate listedOn(Document entry) {
        return entry.getString("listedOn") != null ? LocalDate.parse(entry.getString("listedOn"))
                : day(Instant.parse(entry.getString("at")));
    }

    private static Actor authorOf(Document entry) {
        Document author = entry.get("author", Document.class);
        return new Actor(author.getString("personId"), author.getString("name"), author.getString("organisation"),
                author.getString("team"), author.getString("place"));
    }
}
