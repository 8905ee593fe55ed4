package org.hls.query.export;

import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.hls.events.Actor;
import org.hls.events.Visibility;
import org.hls.query.experiment.ExperimentTimelineProjection;
import org.hls.query.experiment.ExperimentTimelineProjection.Proposal;
import org.hls.query.history.History;
import org.hls.query.history.LiveHistory;
import org.hls.query.history.Scope;
import org.hls.query.history.Where;
import org.hls.query.learning.LearningFeed;
import org.hls.query.learning.LearningFeedProjection;
import org.hls.query.learning.LearningFeedProjection.Authored;
import org.hls.query.person.ConsentProjection;
import org.hls.query.person.Words;
import org.hls.query.security.Reader;
import org.hls.query.web.Filters;
import org.springframework.stereotype.Component;

/**
 * Learning and experiments for analysts' own tools, as known at an instant, within the filters: only what the reader
 * may read, each person a pseudonym, words of anyone who withdrew consent {@code [withdrawn]}, and nothing said in an
 * action learning set (no set's content is ever here). The history is read a chunk of rows at a time and each chunk
 * is written before the next is read, so an export of any size takes the same memory.
 */
@Component
public class Exports {

    static final List<String> LEARNING_COLUMNS = List.of("id", "kind", "perspective", "themes", "visibility",
            "place", "organisation", "team", "author", "experimentId", "occurredAt", "recordedAt", "summary",
            "detail");
    static final List<String> EXPERIMENT_COLUMNS = List.of("id", "title", "hypothesis", "plannedEnding", "themes",
            "visibility", "place", "organisation", "team", "proposer", "status", "proposedAt", "startedAt",
            "concludedAt", "outcome", "ending", "adaptations", "endsBy", "conclusion");
    private static final int CHUNK = 2000;

    private final LiveHistory history;
    private final LearningFeedProjection feed;
    private final ExperimentTimelineProjection timelines;
    private final ConsentProjection consent;
    private final Clock clock;

    Exports(LiveHistory history, LearningFeedProjection feed, ExperimentTimelineProjection timelines,
            ConsentProjection consent, Clock clock) {
        this.history = history;
        this.feed = feed;
        this.timelines = timelines;
        this.consent = consent;
        this.clock = clock;
    }

    void learning(Filters filters, Reader reader, ExportFormat format, OutputStream out) {
        Scope scope = scope(filters);
        History known = history.get();
        ExportWriter writer = new ExportWriter(out, format, LEARNING_COLUMNS);
        Pseudonyms pseudonyms = new Pseudonyms();
        int rows = known.read(reading -> reading.learningRows());
        for (int from = 0; from < rows; from += CHUNK) {
            int start = from;
            List<LearningFacts> chunk = known.read(reading -> {
                List<LearningFacts> read = new ArrayList<>();
                reading.learning(scope, start, start + CHUNK, entry -> {
                    if (mayRead(entry.visibility(), entry.where(), reader)) {
                        List<String> themes = new ArrayList<>();
                        entry.themes(theme -> themes.add(reading.theme(theme)));
                        read.add(new LearningFacts(entry.id(), entry.kind().name(), entry.perspective().name(),
                                themes, entry.visibility().name(), entry.where(), entry.experimentId(),
                                instant(entry.occurredAt()), instant(entry.recordedAt()), entry.retracted(),
                                entry.authorWithdrew()));
                    }
                });
                return read;
            });
            Map<String, Authored> authored = feed.authored(chunk.stream().map(LearningFacts::id).toList());
            Words words = wordsOf(known, authored.values().stream().map(said -> said.author().personId()).toList());
            for (LearningFacts facts : chunk) {
                Authored said = authored.get(facts.id());
                String authorId = said == null ? null : said.author().personId();
                // Themes are short free text too: they go with the words of someone who withdrew, and so does the
                // row when a theme chose it; an entry shared without a name keeps them (nothing links it to anyone).
                // The history knows who withdrew even of an entry the feed has not (yet) listed.
                boolean withdrew = facts.authorWithdrew()
                        || authorId != null && LearningFeed.themesWithdrawn(authorId, words);
                if (withdrew && scope.theme() != null) {
                    continue;
                }
                List<String> themes = withdrew ? List.of() : facts.themes();
                writer.write(Arrays.asList(facts.id(), facts.kind(), facts.perspective(), themes,
                        facts.visibility(), facts.where().place(), facts.where().organisation(), facts.where().team(),
                        pseudonyms.of(authorId), facts.experimentId(), facts.occurredAt(), facts.recordedAt(),
                        said == null ? null : facts.retracted() ? LearningFeed.RETRACTED
                                : words.shown(said.summary(), authorId),
                        said == null || said.detail() == null ? null : facts.retracted() ? LearningFeed.RETRACTED
                                : words.shown(said.detail(), authorId)));
            }
            writer.flush();
        }
    }

    void experiments(Filters filters, Reader reader, ExportFormat format, OutputStream out) {
        Scope scope = scope(filters);
        History known = history.get();
        ExportWriter writer = new ExportWriter(out, format, EXPERIMENT_COLUMNS);
        Pseudonyms pseudonyms = new Pseudonyms();
        int rows = known.read(reading -> reading.experimentRows());
        for (int from = 0; from < rows; from += CHUNK) {
            int start = from;
            List<ExperimentFacts> chunk = known.read(reading -> {
                List<ExperimentFacts> read = new ArrayList<>();
                reading.experiments(scope, start, start + CHUNK, experiment -> {
                    long proposedAt = experiment.proposedAt();
                    if (proposedAt < scope.from() || proposedAt > scope.to()
                            || !mayReadExperiment(experiment.visibility(), experiment.where(), reader)) {
                        return;
                    }
                    long startedAt = experiment.startedAt();
                    long concludedAt = experiment.concludedAt();
                    read.add(new ExperimentFacts(experiment.id(), experiment.visibility().name(), experiment.where(),
                            concludedAt != History.NEVER ? "CONCLUDED" : startedAt != History.NEVER ? "RUNNING"
                                    : "PROPOSED",
                            instant(proposedAt), instant(startedAt), instant(concludedAt),
                            experiment.outcome() == null ? null : experiment.outcome().name(),
                            experiment.ending() == null ? null : experiment.ending().name(),
                            experiment.adaptationCount(), experiment.proposerWithdrew()));
                });
                return read;
            });
            Map<String, Proposal> proposals = timelines.proposals(chunk.stream().map(ExperimentFacts::id).toList());
            // A conclusion is in the words of whoever concluded it: their consent decides whether they are shown.
            Words words = wordsOf(known, proposals.values().stream().flatMap(proposal -> Stream.of(
                    proposal.proposer().personId(), proposal.concludedBy())).filter(Objects::nonNull).toList());
            for (ExperimentFacts facts : chunk) {
                Proposal proposal = proposals.get(facts.id());
                String proposerId = proposal == null ? null : proposal.proposer().personId();
                boolean withdrew = facts.proposerWithdrew() || proposerId != null && words.withdrew(proposerId);
                if (withdrew && scope.theme() != null) {
                    continue;
                }
                writer.write(Arrays.asList(facts.id(), proposal == null ? null : words.shown(proposal.title(), proposerId),
                        proposal == null ? null : words.shown(proposal.hypothesis(), proposerId),
                        proposal == null ? null : words.shown(proposal.plannedEnding(), proposerId),
                        proposal == null ? null : withdrew ? List.of() : proposal.themes(),
                        facts.visibility(), facts.where().place(),
                        facts.where().organisation(), facts.where().team(), pseudonyms.of(proposerId),
                        facts.status(), facts.proposedAt(), facts.startedAt(), facts.concludedAt(), facts.outcome(),
                        facts.ending(), (long) facts.adaptations(),
                        proposal == null ? null : proposal.endsByAsOf(scope.asOf()),
                        // Concluded once: its words are what it said then, shown only once it was concluded then.
                        proposal == null || facts.concludedAt() == null ? null
                                : words.shown(proposal.conclusion(), proposal.concludedBy())));
            }
            writer.flush();
        }
    }

    /**
     * What the history knows of a learning entry; its words and author come from the learning feed, and read
     * {@code [retracted]} if it was {@code retracted} since (an export as known before lists it).
     */
    private record LearningFacts(String id, String kind, String perspective, List<String> themes, String visibility,
                                 Where where, String experimentId, String occurredAt, String recordedAt,
                                 boolean retracted, boolean authorWithdrew) {
    }

    /** What the history knows of an experiment; what it proposed, and who, come from its timeline. */
    private record ExperimentFacts(String id, String visibility, Where where, String status, String proposedAt,
                                   String startedAt, String concludedAt, String outcome, String ending,
                                   int adaptations, boolean proposerWithdrew) {
    }

    private Scope scope(Filters filters) {
        Instant asOf = filters.asOf() == null ? clock.instant() : filters.asOf();
        return new Scope(filters.place(), filters.organisation(), filters.team(), filters.theme(),
                filters.range().fromMillis(), filters.range().toMillis(), asOf.toEpochMilli());
    }

    /** Whether the reader may read what someone working at {@code where} shared with {@code visibility}. */
    private static boolean mayRead(Visibility visibility, Where where, Reader reader) {
        Actor author = new Actor("", null, where.organisation(), where.team(), where.place());
        return visibility.isShared() && visibility.admits(author, reader.actor());
    }

    /**
     * Whether the reader may read an experiment proposed at {@code where} with {@code visibility}: as shared, or as a
     * facilitator or leader of its organisation, who reads and may change it unless it is private.
     */
    private static boolean mayReadExperiment(Visibility visibility, Where where, Reader reader) {
        return mayRead(visibility, where, reader)
                || reader.stewards(visibility, where.organisation());
    }

    /** What {@code people} said, withdrawn as the consent view or the {@code known} history says. */
    private Words wordsOf(History known, List<String> people) {
        return consent.wordsOf(people).alsoWithdrawn(known.read(reading -> people.stream()
                .filter(reading::withdrew).toList()));
    }

    private static String instant(long at) {
        return at == History.NEVER ? null : Instant.ofEpochMilli(at).toString();
    }
}
