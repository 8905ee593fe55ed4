package org.hls.command.experiment;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.hls.command.Caller;
import org.springframework.stereotype.Component;

/**
 * Answers from the experiment itself, loaded from its events within the asking command's unit of work.
 */
@Component
class RepositoryExperiments implements Experiments {

    private final Repository<Experiment> experimentRepository;

    RepositoryExperiments(Repository<Experiment> experimentRepository) {
        this.experimentRepository = experimentRepository;
    }

    @Override
    public void requireReferable(String experimentId, Caller referrer, boolean anonymously) {
        try {
            experimentRepository.load(experimentId).execute(experiment -> experiment.requireReferableBy(referrer,
                    anonymously));
        } catch (AggregateNotFoundException unknown) {
            throw Experiment.unknown();
        }
    }
}
