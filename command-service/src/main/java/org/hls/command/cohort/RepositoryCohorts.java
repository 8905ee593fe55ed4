package org.hls.command.cohort;

import java.time.Instant;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;
import org.springframework.stereotype.Component;

/**
 * Answers from the cohort itself, loaded from its events within the asking command's unit of work.
 */
@Component
class RepositoryCohorts implements Cohorts {

    private final Repository<Cohort> cohortRepository;

    RepositoryCohorts(Repository<Cohort> cohortRepository) {
        this.cohortRepository = cohortRepository;
    }

    @Override
    public void requireEnrolled(String cohortId, String personId, Instant notedAt) {
        try {
            cohortRepository.load(cohortId).execute(cohort -> cohort.requireEnrolled(personId, notedAt));
        } catch (AggregateNotFoundException unknown) {
            throw new CommandRefused(Refusal.NOT_FOUND, "refused.cohort.unknown");
        }
    }
}
