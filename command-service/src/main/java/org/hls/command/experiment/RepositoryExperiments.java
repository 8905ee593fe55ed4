package org.hls.command.experiment;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.hls.command.Caller;
import org.hls.command.CommandRefused;
import org.hls.command.story.Stories;
import org.springframework.stereotype.Component;

/**
 * Answers from the experiment itself, loaded from its events within the asking command's unit of work.
 */
@Component
class RepositoryExperiments implements Experiments {

    private final Repository<Experiment> experimentRepository;
    private final Stories stories;

    RepositoryExperiments(Repository<Experiment> experimentRepository, Stories stories) {
        this.experimentRepository = experimentRepository;
        this.stories = stories;
    }

    /**
     * As {@link Experiment} decides, and, for what is shared {@code anonymously}, unless the story it refers to was
     * told by the referrer: its page names the story's teller beside the learning recorded in it.
     */
    @Override
    public void requireReferable(String experimentId, Caller referrer, boolean anonymously) {
        String storyId;
        try {
            storyId = experimentRepository.load(experimentId).invoke(experiment -> {
                experiment.requireReferableBy(referrer, anonymously);
                return experiment.storyId();
            });
        } catch (AggregateNotFoundException unknown) {
            throw Experiment.unknown();
        }
        if (anonymously && storyId != null && stories.toldBy(storyId, referrer.personId())) {
            throw CommandRefused.invalid("experimentId", "refused.experiment.story-names-anonymous-author");
        }
    }
}
