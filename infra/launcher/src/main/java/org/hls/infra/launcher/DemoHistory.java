package org.hls.infra.launcher;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.hls.events.Actor;
import org.hls.events.DomainEvent;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.hls.events.EventTypes;
import org.hls.events.Visibility;
import org.hls.events.actionlearning.ActionCommitted;
import org.hls.events.actionlearning.ActionLearningSetFormed;
import org.hls.events.actionlearning.ActionStatus;
import org.hls.events.actionlearning.ActionUpdated;
import org.hls.events.actionlearning.InsightRecorded;
import org.hls.events.actionlearning.ProblemPresented;
import org.hls.events.actionlearning.QuestionAsked;
import org.hls.events.actionlearning.SessionClosed;
import org.hls.events.actionlearning.SessionEvaluated;
import org.hls.events.actionlearning.SessionOpened;
import org.hls.events.cohort.CohortFormed;
import org.hls.events.cohort.CohortMemberEnrolled;
import org.hls.events.exchange.ExchangePostRetracted;
import org.hls.events.exchange.ExchangePosted;
import org.hls.events.exchange.ExchangeSide;
import org.hls.events.experiment.Ending;
import org.hls.events.experiment.ExperimentAdapted;
import org.hls.events.experiment.ExperimentAmplified;
import org.hls.events.experiment.ExperimentConcluded;
import org.hls.events.experiment.ExperimentEndingRecorded;
import org.hls.events.experiment.ExperimentProposed;
import org.hls.events.experiment.ExperimentStarted;
import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningAmplified;
import org.hls.events.learning.LearningCorrected;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.LearningRecorded;
import org.hls.events.learning.LearningRetracted;
import org.hls.events.learning.Perspective;
import org.hls.events.story.StoryPurpose;
import org.hls.events.story.StoryRecorded;

/**
 * A year of one place's learning, to look at on a fresh machine: five organisations and their teams, experiments from
 * proposal to conclusion, learning of every kind, two action learning sets meeting monthly, stories, a cohort and the
 * learning exchange. It has trends an analyst can find: more learning as the year goes on, a growing share of it
 * from people with lived experience, breakthroughs overtaking disappointments, a new theme ("food") from midsummer,
 * endings planned better, first disappointments coming sooner, and committed actions followed through more often.
 * <p>
 * Every event is written as the import from another system would write it: an envelope with the time it happened,
 * for the event store's own append path ({@code POST /api/admin/import}). The same seed gives the same history.
 */
final class DemoHistory {

    static final String PLACE = "fife";
    private static final int WEEKS = 52;
    private static final List<String> THEMES = List.of("homelessness", "housing", "family support", "mental health",
            "employability", "loneliness", "digital inclusion");
    private static final String FOOD = "food";

    private final Random random;
    private final LocalDate firstDay;
    private final List<Person> people = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private final List<EventEnvelope> events = new ArrayList<>();

    private record Person(Actor actor, Perspective perspective) {
    }

    private record Running(String experimentId, Person proposer, List<String> themes, Visibility visibility,
                           Instant startedAt) {
    }

    /** An event of an aggregate, numbered once the whole year is in time order. */
    private record Pending(String aggregateId, DomainEvent event, int order) {
    }

    /** The history of the {@value #WEEKS} weeks up to and including {@code lastDay}. */
    DemoHistory(LocalDate lastDay, long seed) {
        this.random = new Random(seed);
        this.firstDay = lastDay.minusWeeks(WEEKS).plusDays(1);
        person("ailsa", "Ailsa", "fife-council", "housing-options", Perspective.PRACTITIONER);
        person("bryn", "Bryn", "fife-council", "housing-options", Perspective.PRACTITIONER);
        person("cara", "Cara", "fife-council", "family-support", Perspective.PRACTITIONER);
        person("dev", "Dev", "fife-council", "family-support", Perspective.PRACTITIONER);
        person("elspeth", "Elspeth", "fife-council", "employability", Perspective.PRACTITIONER);
        person("fergus", "Fergus", "fife-council", "leadership", Perspective.LEADER);
        person("gail", "Gail", "nhs-fife", "community-mental-health", Perspective.PRACTITIONER);
        person("hamish", "Hamish", "nhs-fife", "community-mental-health", Perspective.PRACTITIONER);
        person("isla", "Isla", "nhs-fife", "health-visiting", Perspective.PRACTITIONER);
        person("jamal", "Jamal", "nhs-fife", "commissioning", Perspective.COMMISSIONER);
        person("kirsty", "Kirsty", "shelter-fife", "outreach", Perspective.PRACTITIONER);
        person("lewis", "Lewis", "shelter-fife", "outreach", Perspective.VOLUNTEER);
        person("morag", "Morag", "fife-foodbank", "volunteers", Perspective.VOLUNTEER);
        person("niall", "Niall", "fife-foodbank", "volunteers", Perspective.PARTNER);
        person("orla", "Orla", "kirkcaldy-community", "residents", Perspective.LIVED_EXPERIENCE);
        person("pete", "Pete", "kirkcaldy-community", "residents", Perspective.LIVED_EXPERIENCE);
        person("rhona", "Rhona", "kirkcaldy-community", "residents", Perspective.LIVED_EXPERIENCE);
        person("sam", "Sam", "shelter-fife", "outreach", Perspective.LIVED_EXPERIENCE);
    }

    /** Every event of the year, in the order it happened. */
    List<EventEnvelope> events() {
        if (events.isEmpty()) {
            List<String> stories = stories();
            actionLearningSet("Front door", person("fergus"), List.of("ailsa", "bryn", "cara", "dev", "kirsty"));
            actionLearningSet("Across the system", person("jamal"), List.of("gail", "isla", "morag", "orla",
                    "elspeth"));
            cohort();
            exchange();
            List<Running> running = new ArrayList<>();
            for (int week = 0; week < WEEKS; week++) {
                if (week % 2 == 0) {
                    running.add(propose(week, stories));
                }
                for (Running experiment : List.copyOf(running)) {
                    if (experiment.startedAt() != null && concludes(experiment, week)) {
                        conclude(experiment, week);
                        running.remove(experiment);
                    }
                }
                learning(week, running);
            }
            pending.sort(Comparator.comparing((Pending each) -> each.event().occurredAt())
                    .thenComparingInt(Pending::order));
            Map<String, Long> sequences = new HashMap<>();
            for (Pending each : pending) {
                long sequence = sequences.merge(each.aggregateId(), 1L, Long::sum) - 1;
                events.add(new EventEnvelope(UUID.nameUUIDFromBytes((each.aggregateId() + ":" + sequence)
                        .getBytes()).toString(), EventTypes.nameOf(each.event().getClass()),
                        EventTypes.schemaVersionOf(each.event().getClass()), each.aggregateId(), sequence, 0,
                        each.event().occurredAt(), each.event().occurredAt(),
                        EventJson.newMapper().valueToTree(each.event())));
            }
        }
        return events;
    }

    private List<String> stories() {
        List<String> ids = new ArrayList<>();
        for (String teller : List.of("orla", "pete", "rhona", "sam")) {
            String storyId = UUID.nameUUIDFromBytes(("story-" + teller).getBytes()).toString();
            record(storyId, new StoryRecorded(storyId, "What it was like to ask for help, told once by "
                    + person(teller).actor().name() + ".", Visibility.SYSTEM, List.of(StoryPurpose.LEARNING,
                    StoryPurpose.SERVICE_DESIGN), person(teller).actor(), at(random.nextInt(20), 10)));
            ids.add(storyId);
        }
        return ids;
    }

    private Running propose(int week, List<String> stories) {
        Person proposer = pick(people.stream().filter(person -> person.perspective() != Perspective.LIVED_EXPERIENCE)
                .toList());
        String experimentId = id("experiment", week);
        List<String> themes = List.of(theme(week));
        Instant proposed = at(week * 7 + random.nextInt(3), 10);
        LocalDate endsBy = proposed.atZone(ZoneOffset.UTC).toLocalDate().plusWeeks(16);
        String storyId = random.nextInt(3) == 0 ? pick(stories) : null;
        Visibility visibility = random.nextBoolean() ? Visibility.SYSTEM : Visibility.ORGANISATION;
        record(experimentId, new ExperimentProposed(experimentId, title(themes.get(0)), "Trying this helps people "
                + "with " + themes.get(0) + " come back on their own terms", themes, "People keep the contact they "
                + "made, whatever we decide", endsBy, storyId, visibility, proposer.actor(), proposed));
        Instant started = proposed.plusSeconds(86_400L * (3 + random.nextInt(8)));
        if (started.isAfter(at(WEEKS * 7 - 1, 17))) {
            return new Running(experimentId, proposer, themes, visibility, null);
        }
        record(experimentId, new ExperimentStarted(experimentId, proposer.actor(), started));
        Running running = new Running(experimentId, proposer, themes, visibility, started);
        // Teams learn to try small: the first disappointment comes sooner as the year goes on.
        Instant firstDisappointment = started.plusSeconds(86_400L * Math.max(3, 24 - week / 3 + random.nextInt(5)));
        if (firstDisappointment.isBefore(at(WEEKS * 7 - 1, 17))) {
            recordLearning(proposer, LearningKind.DISAPPOINTMENT, "Fewer people came back than we hoped",
                    themes, Visibility.TEAM, experimentId, firstDisappointment);
        }
        // Adapted within its first four weeks: it runs at least six before it is concluded.
        int adaptations = random.nextInt(3);
        for (int adaptation = 0; adaptation < adaptations; adaptation++) {
            Instant adapted = started.plusSeconds(86_400L * (10 + 14 * adaptation + random.nextInt(5)));
            if (adapted.isBefore(at(WEEKS * 7 - 1, 17))) {
                record(experimentId, new ExperimentAdapted(experimentId, "Moved it to the evenings",
                        "People told us they work days", null, proposer.actor(), adapted));
            }
        }
        return running;
    }

    private boolean concludes(Running experiment, int week) {
        long weeksRunning = (at(week * 7, 12).getEpochSecond() - experiment.startedAt().getEpochSecond())
                / (7 * 86_400L);
        return weeksRunning >= 6 && random.nextInt(10) < 3;
    }

    private void conclude(Running experiment, int week) {
        Instant concluded = at(week * 7 + 4, 15);
        int roll = random.nextInt(100);
        Outcome outcome = roll < 40 ? Outcome.AMPLIFY : roll < 75 ? Outcome.ADAPT : Outcome.STOP;
        // Endings planned from the start go as planned more often as the year goes on.
        Ending ending = random.nextInt(WEEKS) < 15 + week * 0.7 ? Ending.AS_PLANNED
                : random.nextBoolean() ? Ending.CHANGED : Ending.NOT_YET;
        // A stopped experiment's people are still being found somewhere to go when it ends: how that went is said
        // a few days later.
        boolean saidLater = outcome == Outcome.STOP && week < WEEKS - 1;
        record(experiment.experimentId(), new ExperimentConcluded(experiment.experimentId(), outcome,
                outcome == Outcome.STOP ? "It did not help; we stopped and told everyone why" : "It helped enough to "
                        + outcome.name().toLowerCase(), saidLater ? Ending.NOT_YET : ending,
                saidLater ? null : "Everyone kept their key worker", experiment.proposer().actor(), concluded));
        // What worked within one organisation is shared with the whole system the next day.
        if (outcome == Outcome.AMPLIFY && experiment.visibility() == Visibility.ORGANISATION) {
            record(experiment.experimentId(), new ExperimentAmplified(experiment.experimentId(), Visibility.SYSTEM,
                    Visibility.ORGANISATION, experiment.proposer().actor(), concluded.plusSeconds(86_400L)));
        }
        if (saidLater) {
            record(experiment.experimentId(), new ExperimentEndingRecorded(experiment.experimentId(),
                    ending == Ending.NOT_YET ? Ending.CHANGED : ending, "Each family was told in person where to go next",
                    experiment.proposer().actor(), at(week * 7 + 6, 11)));
        }
    }

    private void learning(int week, List<Running> running) {
        int count = 12 + week / 3 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            // Lived experience grows from about one voice in twenty to one in three.
            boolean livedExperience = random.nextInt(100) < 5 + week * 55 / 100;
            Person author = pick(people.stream().filter(person ->
                    (person.perspective() == Perspective.LIVED_EXPERIENCE) == livedExperience).toList());
            int roll = random.nextInt(100);
            int breakthroughs = 20 + week * 25 / WEEKS;
            LearningKind kind = roll < breakthroughs ? LearningKind.BREAKTHROUGH
                    : roll < breakthroughs + 45 - week * 20 / WEEKS ? LearningKind.DISAPPOINTMENT
                    : LearningKind.REFLECTION;
            List<String> themes = new ArrayList<>(List.of(theme(week)));
            if (random.nextInt(4) == 0) {
                String second = theme(week);
                if (!themes.contains(second)) {
                    themes.add(second);
                }
            }
            int visibilityRoll = random.nextInt(100);
            Visibility visibility = visibilityRoll < 5 ? Visibility.PRIVATE : visibilityRoll < 35 ? Visibility.TEAM
                    : visibilityRoll < 65 ? Visibility.ORGANISATION : Visibility.SYSTEM;
            Instant at = at(week * 7 + random.nextInt(7), 8 + random.nextInt(10));
            Running within = running.stream().filter(experiment -> experiment.startedAt() != null
                    && experiment.startedAt().isBefore(at)
                    && experiment.proposer().actor().organisation().equals(author.actor().organisation()))
                    .findFirst().orElse(null);
            String learningId = recordLearning(author, kind, summary(kind, themes.get(0)), themes, visibility,
                    within != null && random.nextBoolean() ? within.experimentId() : null, at);
            boolean retracted = false;
            if (visibility == Visibility.TEAM && random.nextInt(20) == 0) {
                record(learningId, new LearningAmplified(learningId, Visibility.SYSTEM, author.actor(),
                        at.plusSeconds(86_400L * 2)));
            } else if (random.nextInt(100) == 0) {
                record(learningId, new LearningRetracted(learningId, "Shared too early", author.actor(),
                        at.plusSeconds(3600)));
                retracted = true;
            }
            // Now and then the first of a week's entries is said anew (drawing nothing: the rest stays as it was).
            if (!retracted && i == 0 && week % 4 == 3) {
                record(learningId, new LearningCorrected(learningId, "Said again an hour on: it was more mixed than "
                        + "it first seemed", null, "Talked it over with the team", author.actor(),
                        at.plusSeconds(7200)));
            }
        }
    }

    private String recordLearning(Person author, LearningKind kind, String summary, List<String> themes,
                                  Visibility visibility, String experimentId, Instant at) {
        String learningId = id("learning", pending.size());
        record(learningId, new LearningRecorded(learningId, kind, summary, null, themes, author.perspective(),
                visibility, experimentId, null, null, author.actor(), at));
        return learningId;
    }

    /** A set meeting monthly: each session opens with updates on the last presenter's actions. */
    private void actionLearningSet(String name, Person facilitator, List<String> memberIds) {
        String setId = UUID.nameUUIDFromBytes(("set-" + name).getBytes()).toString();
        record(setId, new ActionLearningSetFormed(setId, name, facilitator.actor().personId(), memberIds,
                facilitator.actor(), at(3, 9)));
        List<String> previousActions = List.of();
        Person previousPresenter = null;
        for (int session = 1; session <= 12; session++) {
            int day = 7 + (session - 1) * 28 + random.nextInt(3);
            Instant opened = at(day, 10);
            record(setId, new SessionOpened(setId, session, facilitator.actor(), opened));
            for (String actionId : previousActions) {
                // Follow-through improves as the set learns to commit to what it can do.
                ActionStatus status = random.nextInt(12) < 4 + session / 2 ? ActionStatus.DONE
                        : random.nextBoolean() ? ActionStatus.PARTLY : ActionStatus.NOT_DONE;
                record(setId, new ActionUpdated(setId, session, actionId,
                        previousPresenter.actor().personId(), status, "How it went",
                        previousPresenter.actor(), opened.plusSeconds(300)));
            }
            Person presenter = person(memberIds.get((session - 1) % memberIds.size()));
            record(setId, new ProblemPresented(setId, session, presenter.actor().personId(), "A problem said in "
                    + "confidence", presenter.actor(), opened.plusSeconds(600)));
            for (int question = 0; question < 3; question++) {
                Person asking = person(memberIds.get((session + question) % memberIds.size()));
                if (asking != presenter) {
                    record(setId, new QuestionAsked(setId, session, "What happens just before it goes wrong?",
                            asking.actor(), opened.plusSeconds(900 + question * 60L)));
                }
            }
            record(setId, new InsightRecorded(setId, session, "An insight said in confidence", presenter.actor(),
                    opened.plusSeconds(1800)));
            List<String> actions = new ArrayList<>();
            for (int action = 0; action < 2; action++) {
                String actionId = UUID.nameUUIDFromBytes((setId + session + action).getBytes()).toString();
                record(setId, new ActionCommitted(setId, session, actionId, "An action committed in confidence",
                        opened.atZone(ZoneOffset.UTC).toLocalDate().plusDays(28), presenter.actor(),
                        opened.plusSeconds(2000 + action * 60L)));
                actions.add(actionId);
            }
            for (String memberId : memberIds) {
                record(setId, new SessionEvaluated(setId, session, 3 + random.nextInt(3), null,
                        person(memberId).actor(), opened.plusSeconds(3000)));
            }
            record(setId, new SessionClosed(setId, session, facilitator.actor(), opened.plusSeconds(3600)));
            previousActions = actions;
            previousPresenter = presenter;
        }
    }

    private void cohort() {
        String cohortId = UUID.nameUUIDFromBytes("cohort-stewards".getBytes()).toString();
        Person facilitator = person("jamal");
        record(cohortId, new CohortFormed(cohortId, "System stewards", List.of("commissioning", "housing"),
                facilitator.actor(), at(10, 9)));
        for (String member : List.of("fergus", "gail", "kirsty", "morag", "elspeth")) {
            record(cohortId, new CohortMemberEnrolled(cohortId, person(member).actor(), at(11 + random.nextInt(5),
                    11)));
        }
    }

    private void exchange() {
        for (int post = 0; post < 16; post++) {
            String postId = id("exchange", post);
            Person author = pick(people);
            Instant postedAt = at(random.nextInt(WEEKS * 7), 14);
            record(postId, new ExchangePosted(postId, post % 2 == 0 ? ExchangeSide.OFFER : ExchangeSide.WISH,
                    post % 2 == 0 ? "I can show how we run drop-ins" : "I would like to learn how others plan "
                            + "endings", List.of(THEMES.get(post % THEMES.size())), Visibility.SYSTEM,
                    author.actor(), postedAt));
            if (post == 1) {
                // Posted in a hurry, taken back the same afternoon.
                record(postId, new ExchangePostRetracted(postId, author.actor(), postedAt.plusSeconds(3600)));
            }
        }
    }

    /** A theme for something in {@code week}: food appears from midsummer, loneliness in the dark months. */
    private String theme(int week) {
        if (week >= WEEKS / 2 && random.nextInt(4) == 0) {
            return FOOD;
        }
        if ((week < 8 || week > 44) && random.nextInt(5) == 0) {
            return "loneliness";
        }
        return THEMES.get(random.nextInt(THEMES.size()));
    }

    private static String title(String theme) {
        return "Try a drop-in for " + theme;
    }

    private static String summary(LearningKind kind, String theme) {
        return switch (kind) {
            case BREAKTHROUGH -> "Something worked for people facing " + theme;
            case DISAPPOINTMENT -> "Something we tried on " + theme + " did not work as hoped";
            case REFLECTION -> "Noticed something about how we work on " + theme;
        };
    }

    private void record(String aggregateId, DomainEvent event) {
        pending.add(new Pending(aggregateId, event, pending.size()));
    }

    private void person(String id, String name, String organisation, String team, Perspective perspective) {
        people.add(new Person(new Actor("demo-" + id, name, organisation, team, PLACE), perspective));
    }

    private Person person(String id) {
        return people.stream().filter(person -> person.actor().personId().equals("demo-" + id)).findFirst()
                .orElseThrow();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private String id(String kind, int number) {
        return UUID.nameUUIDFromBytes((kind + "-" + number + "-" + random.nextLong()).getBytes()).toString();
    }

    private Instant at(int day, int hour) {
        return firstDay.plusDays(day).atTime(hour, random.nextInt(60)).toInstant(ZoneOffset.UTC);
    }
}
