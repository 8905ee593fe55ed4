package org.hls.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

import org.hls.events.Actor;
import org.junit.jupiter.api.Test;

class SmallNumbersTest {

    private static final SmallNumbers CONTROL = new SmallNumbers(3, 5, CellKeys.of("a secret of the test"));
    private static final Reader TEAM_A = new Reader(new Actor("ann", "Ann", "org", "team-a", "fife"),
            Set.of("PRACTITIONER"));
    private static final int TRIALS = 2_000;

    private final Random random = new Random(20261204);

    @Test
    void noneReadsFewerThanThreeAndOneOrTwoReadFewerThanThreeOrFiveNeverThemselves() {
        Set<Long> one = new HashSet<>();
        Set<Long> two = new HashSet<>();
        for (int i = 0; i < TRIALS; i++) {
            assertThat(CONTROL.count(0, 0, Long.MAX_VALUE)).isNull();
            one.add(CONTROL.count(1, random.nextInt(), random.nextLong()));
            two.add(CONTROL.count(2, random.nextInt(), random.nextLong()));
        }
        assertThat(one).containsExactlyInAnyOrder(null, 5L);
        assertThat(two).containsExactlyInAnyOrder(null, 5L);
    }

    @Test
    void everyOtherCountIsMovedByAtMostTwoAndRoundedToTheNearestFive() {
        for (long counted = 3; counted < 300; counted++) {
            Set<Long> shown = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                Long figure = CONTROL.count(counted, random.nextInt(), random.nextLong());
                assertThat(figure).as("%d is never held back", counted).isNotNull();
                assertThat(figure % 5).isZero();
                assertThat(figure).isBetween(Math.max(5, counted - 4), counted + 4);
                shown.add(figure);
            }
            if (counted >= 7 && (counted % 5 == 3 || counted % 5 == 2)) {
                assertThat(shown).as("%d lies near a rounding boundary", counted).hasSize(2);
            }
        }
    }

    @Test
    void theSameRecordsAlwaysReadTheSameFigureAndOnlyTheSecretDrawsIt() {
        SmallNumbers again = new SmallNumbers(3, 5, CellKeys.of("a secret of the test"));
        SmallNumbers otherSecret = new SmallNumbers(3, 5, CellKeys.of("another secret"));
        int differ = 0;
        for (int i = 0; i < TRIALS; i++) {
            long counted = 1 + random.nextInt(40);
            int keys = random.nextInt();
            long first = random.nextLong();
            assertThat(CONTROL.count(counted, keys, first)).isEqualTo(CONTROL.count(counted, keys, first))
                    .isEqualTo(again.count(counted, keys, first));
            if (!Objects.equals(CONTROL.count(counted, keys, first), otherSecret.count(counted, keys, first))) {
                differ++;
            }
        }
        assertThat(differ).isGreaterThan(TRIALS / 10);
    }

    /**
     * Found when watching: without noise, a team's figure turned from "fewer than 3" to 5 exactly when its third
     * record came, and from 10 to 15 with its thirteenth, so the moment it changed told the count then. Found in
     * review of the first noise: a figure of one record could read 5 and, with a second, "fewer than 3" again, which
     * told both counts.
     */
    @Test
    void theMomentAFigureChangesDoesNotSayWhatTheCountWasAndAddingNeverHidesIt() {
        Set<Long> firstShownAt = new HashSet<>();
        Set<Long> fifteenAt = new HashSet<>();
        boolean steppedBack = false;
        for (int trial = 0; trial < TRIALS; trial++) {
            Tally tally = new Tally();
            long position = random.nextInt(1_000_000);
            Long before = null;
            boolean shown = false;
            for (long counted = 1; counted <= 20; counted++) {
                position += 1 + random.nextInt(50);
                tally.add(position, 7);
                Long figure = CONTROL.count(tally);
                assertThat(shown && figure == null).as("hidden again at %d", counted).isFalse();
                if (!shown && figure != null) {
                    firstShownAt.add(counted);
                    shown = true;
                }
                if (figure != null && figure == 15 && before != null && before == 10) {
                    fifteenAt.add(counted);
                }
                steppedBack |= figure != null && before != null && figure < before;
                before = figure;
            }
        }
        assertThat(firstShownAt).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(fifteenAt).contains(11L, 12L, 13L, 14L, 15L);
        assertThat(steppedBack).as("a figure of three or more may step back as records are added").isTrue();
    }

    /** Found in review: a mean to a tenth, before and after one more value, solved for how many values it had. */
    @Test
    void meansAndMediansNeedEnoughValuesBehindThemPastAThresholdTheirRecordsDraw() {
        Set<Boolean> meanOfTen = new HashSet<>();
        Set<Boolean> medianOfThree = new HashSet<>();
        for (int i = 0; i < TRIALS; i++) {
            assertThat(CONTROL.mean(Tally.of(9, random.nextInt(), random.nextLong(), 36))).isNull();
            assertThat(CONTROL.mean(Tally.of(14, random.nextInt(), random.nextLong(), 47))).isEqualTo(3.5);
            meanOfTen.add(CONTROL.mean(Tally.of(10, random.nextInt(), random.nextLong(), 40)) != null);
            assertThat(CONTROL.shows(Tally.of(2, random.nextInt(), random.nextLong(), 0))).isFalse();
            assertThat(CONTROL.shows(Tally.of(7, random.nextInt(), random.nextLong(), 0))).isTrue();
            medianOfThree.add(CONTROL.shows(Tally.of(3, random.nextInt(), random.nextLong(), 0)));
        }
        assertThat(meanOfTen).containsExactlyInAnyOrder(true, false);
        assertThat(medianOfThree).containsExactlyInAnyOrder(true, false);
        assertThat(CONTROL.mean(new Tally())).isNull();
        assertThat(SmallNumbers.NONE.mean(new Tally())).isZero();
        assertThat(CONTROL.ratio(null, 5L)).isNull();
        assertThat(CONTROL.ratio(5L, 10L)).isEqualTo(0.5);
        assertThat(SmallNumbers.NONE.shows(Tally.of(1, 0, 7, 0))).isTrue();
    }

    /**
     * Found in review of the record-keyed noise: a member of one team who adds records of their own to a figure (or
     * chooses a time around them) drew the whole figure's noise again each time while the other teams' part stayed
     * fixed, and many draws told that part exactly. Then, with noise drawn per team, padding told another team's part
     * as its noise moved it, and a part of -1 could only be 1 record, of 4 only 2. Here each of 1,000 other teams'
     * counts of 1 or 2 is padded 300 ways, and the count worked out from what was shown, as such a member would: no
     * better than a coin.
     */
    @Test
    void paddingAFigureWithOnesOwnRecordsDoesNotTellAnotherTeamsCountOfOneFromTwo() {
        int right = 0;
        for (int trial = 0; trial < 1_000; trial++) {
            long theirs = 1 + random.nextInt(2);
            long[] theirRecords = random.longs(theirs, 0, 1_000_000).toArray();
            int[] ownCounts = new int[300];
            long[] shown = new long[ownCounts.length];
            for (int pad = 0; pad < ownCounts.length; pad++) {
                Tally figure = new Tally();
                for (long record : theirRecords) {
                    figure.add(record, 2);
                }
                ownCounts[pad] = 3 + random.nextInt(20);
                for (int own = 0; own < ownCounts[pad]; own++) {
                    figure.add(1_000_000 + random.nextInt(1_000_000), 1);
                }
                shown[pad] = CONTROL.count(figure);
            }
            long guess = mostLikelyRest(ownCounts, shown) <= 1 ? 1 : 2;
            right += guess == theirs ? 1 : 0;
        }
        assertThat(right).as("of 1,000 padded counts, told right").isBetween(450, 550);
    }

    /** The rest of a figure most likely to have read {@code shown} beside one's own counts, each moved by -2..+2. */
    private static long mostLikelyRest(int[] ownCounts, long[] shown) {
        long best = Long.MIN_VALUE;
        double bestLikelihood = Double.NEGATIVE_INFINITY;
        for (long rest = -4; rest <= 10; rest++) {
            double likelihood = 0;
            for (int pad = 0; pad < ownCounts.length; pad++) {
                int ways = 0;
                for (int noise = -2; noise <= 2; noise++) {
                    long moved = ownCounts[pad] + rest + noise;
                    ways += Math.max(5, Math.round(moved / 5.0) * 5) == shown[pad] ? 1 : 0;
                }
                likelihood += Math.log(ways + 1e-9);
            }
            if (likelihood > bestLikelihood) {
                bestLikelihood = likelihood;
                best = rest;
            }
        }
        return best;
    }

    /**
     * Found in reading the rule again: whether a count below 3 appeared was drawn by its earliest record, so a member
     * of one team who learnt when their own record's threshold lets a figure appear, alone, could tell from a figure
     * of their record and another team's whether that team had one. Found in review of the per-team noise: a count of
     * 3 or more always showed, so one record of one's own beside another team's held-back count showed exactly when
     * that team had two.
     */
    @Test
    void aSmallFigureOfTwoTeamsAppearsOnlyIfOneTeamsRecordsAloneWouldShow() {
        int heldBackAtThree = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            Tally ours = new Tally();
            Tally theirs = new Tally();
            Tally both = new Tally();
            long own = random.nextInt(1_000_000);
            ours.add(own, 1);
            both.add(own, 1);
            long other = own;
            for (int record = 0; record <= trial % 2; record++) {
                other += 1 + random.nextInt(1_000);
                theirs.add(other, 2);
                both.add(other, 2);
            }
            boolean eitherAlone = CONTROL.count(ours) != null || CONTROL.count(theirs) != null;
            assertThat(CONTROL.count(both) != null).as("trial %d", trial).isEqualTo(eitherAlone);
            heldBackAtThree += both.count() == 3 && CONTROL.count(both) == null ? 1 : 0;
        }
        assertThat(heldBackAtThree).as("three records of two teams, each team's held back").isPositive();
    }

    @Test
    void aMeanOfSeveralTeamsNeedsTenValuesBesideTheLargestTeamsOwn() {
        for (int i = 0; i < TRIALS; i++) {
            Tally nineOthers = new Tally();
            Tally twentyEach = new Tally();
            Tally manySmallTeams = new Tally();
            for (int value = 0; value < 40; value++) {
                nineOthers.add(random.nextLong(), value < 9 ? 1 : 2, 3);
                twentyEach.add(random.nextLong(), value % 2, 3);
                manySmallTeams.add(random.nextLong(), value, 3);
            }
            assertThat(CONTROL.mean(nineOthers)).as("31 values of one team and 9 of others").isNull();
            assertThat(CONTROL.mean(twentyEach)).isEqualTo(3.0);
            assertThat(CONTROL.mean(manySmallTeams)).as("one value each of 40 teams").isNull();
            assertThat(CONTROL.shows(manySmallTeams)).isFalse();
            assertThat(CONTROL.shows(twentyEach)).isTrue();
        }
    }

    /**
     * Found in review: a team's figure drew its threshold from its earliest record, so a view within another (one week
     * of the chart, a narrower time) could show while the wider one read "fewer than 3", which pinned the wider count
     * at 2. Now a view shows whenever a view within it does.
     */
    @Test
    void aViewShowsWheneverAViewWithinItShows() {
        SmallNumbers underFive = new SmallNumbers(5, 5, CellKeys.of("a secret of the test"));
        for (SmallNumbers control : List.of(CONTROL, underFive)) {
            for (int trial = 0; trial < TRIALS; trial++) {
                long[] records = new long[1 + trial % (control.fewerThan() - 1)];
                records[0] = random.nextInt(1_000_000);
                for (int record = 1; record < records.length; record++) {
                    records[record] = records[record - 1] + 1 + random.nextInt(1_000);
                }
                Tally all = new Tally();
                boolean withinShows = false;
                for (int record = 0; record < records.length; record++) {
                    all.add(records[record], 2);
                    Tally one = new Tally();
                    one.add(records[record], 2);
                    Tally fromIt = new Tally();
                    for (int later = record; later < records.length; later++) {
                        fromIt.add(records[later], 2);
                    }
                    withinShows |= control.count(one) != null || control.count(fromIt) != null;
                }
                assertThat(!withinShows || control.count(all) != null).as("trial %d", trial).isTrue();
            }
        }
    }

    /**
     * Found in review: another team's values joined a mean at its third, and the mean then hid (too few beside the
     * largest team's), so the moment it hid told that team had had exactly two.
     */
    @Test
    void theMomentAnotherTeamJoinsAMeanDoesNotSayHowManyItHadBefore() {
        Set<Long> joinedAt = new HashSet<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            joinedAt.add(joinsAt(1_000_000 + random.nextInt(1_000_000)));
        }
        assertThat(joinedAt).containsExactlyInAnyOrder(3L, 4L, 5L);
    }

    /**
     * Found in review: a team joined a statistic at as many values as its earliest record's own threshold for a count
     * said, both drawn alike, so a count of that record alone (which shows only at a threshold of 1) told the moment
     * the team would join, and so what it had before.
     */
    @Test
    void whereATeamJoinsAMeanIsNotWhatItsRecordsThresholdForACountSays() {
        Set<Long> joinedAtWhenTheFirstShowsAlone = new HashSet<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            long first = 1_000_000 + random.nextInt(1_000_000);
            Tally alone = new Tally();
            alone.add(first, 2);
            if (CONTROL.count(alone) != null) {
                joinedAtWhenTheFirstShowsAlone.add(joinsAt(first));
            }
        }
        assertThat(joinedAtWhenTheFirstShowsAlone).containsExactlyInAnyOrder(3L, 4L, 5L);
    }

    /**
     * How many values another team has, the earliest at {@code first} and each next one position on, when they first
     * change a mean of twenty of ours; 0 if eight do not.
     */
    private long joinsAt(long first) {
        Tally values = new Tally();
        for (int value = 0; value < 20; value++) {
            values.add(random.nextInt(1_000_000), 1, 3);
        }
        Double before = CONTROL.mean(values);
        for (long theirs = 1; theirs <= 8; theirs++) {
            values.add(first + theirs - 1, 2, 5);
            if (!Objects.equals(CONTROL.mean(values), before)) {
                return theirs;
            }
        }
        return 0;
    }

    /**
     * Found in review: a mean of one team's values showed, and hid when another team's one value joined it, which
     * told, by sliding a time over it, how many values that team had.
     */
    @Test
    void aFewValuesOfAnotherTeamNeitherMoveNorHideAMean() {
        for (int trial = 0; trial < TRIALS; trial++) {
            Tally ours = new Tally();
            Tally withTheirs = new Tally();
            for (int value = 0; value < 8 + trial % 12; value++) {
                long position = random.nextInt(1_000_000);
                ours.add(position, 1, 1);
                withTheirs.add(position, 1, 1);
            }
            for (int theirs = 0; theirs <= trial % 2; theirs++) {
                withTheirs.add(random.nextInt(1_000_000), 2, 5);
            }
            assertThat(CONTROL.mean(withTheirs)).as("trial %d", trial).isEqualTo(CONTROL.mean(ours));
            assertThat(CONTROL.shows(withTheirs)).isEqualTo(CONTROL.shows(ours));
        }
    }

    @Test
    void onlyATeamsOwnMembersSeeItsCountsAsTheyAre() {
        SmallNumbers ownTeam = CONTROL.toShow(TEAM_A, "org", "team-a");
        assertThat(ownTeam.exact()).isTrue();
        assertThat(ownTeam.ofActionLearning()).as("a set's audience is its members").isEqualTo(CONTROL);
        assertThat(CONTROL.ofActionLearning()).isEqualTo(CONTROL);
        assertThat(SmallNumbers.NONE.toShow(TEAM_A, "org", "team-a")).isEqualTo(SmallNumbers.NONE);
        assertThat(CONTROL.toShow(TEAM_A, "org", null)).as("their organisation, less their team").isEqualTo(CONTROL);
        assertThat(CONTROL.toShow(TEAM_A, null, null)).as("the whole system").isEqualTo(CONTROL);
        assertThat(CONTROL.toShow(TEAM_A, "other-org", null)).isEqualTo(CONTROL);
        Reader ofNoTeam = new Reader(new Actor("lee", "Lee", "org", null, "fife"), Set.of("LEADER"));
        assertThat(CONTROL.toShow(ofNoTeam, "org", null)).as("less what they read one by one").isEqualTo(CONTROL);
        assertThat(CONTROL.toShow(TEAM_A, "org", "team-b")).isEqualTo(CONTROL);
        assertThat(CONTROL.toShow(TEAM_A, "other-org", "team-a")).isEqualTo(CONTROL);
        assertThat(CONTROL.toShow(TEAM_A, null, "team-a")).as("every team-a of every organisation").isEqualTo(CONTROL);
    }

    @Test
    void withoutControlEveryCountIsAsItIs() {
        assertThat(SmallNumbers.NONE.count(1, 12345, 7)).isEqualTo(1);
        assertThat(SmallNumbers.NONE.count(8, 0, 7)).isEqualTo(8);
        assertThat(SmallNumbers.NONE.mean(Tally.of(2, 0, 7, 9))).isEqualTo(4.5);
    }

    @Test
    void theSecretIsNeverShown() {
        assertThat(CONTROL.toString()).doesNotContain("a secret of the test");
    }
}
