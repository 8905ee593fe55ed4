package org.hls.command.story;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.hls.events.Actor;
import org.springframework.stereotype.Component;

/**
 * Answers from the story itself, loaded from its events within the asking command's unit of work.
 */
@Component
class RepositoryStories implements Stories {

    private final Repository<Story> storyRepository;

    RepositoryStories(Repository<Story> storyRepository) {
        this.storyRepository = storyRepository;
    }

    @Override
    public void requireReferable(String storyId, Actor referrer, boolean anonymously) {
        try {
            storyRepository.load(storyId).execute(story -> story.requireReferableBy(referrer, anonymously));
        } catch (AggregateNotFoundException unknown) {
            throw Story.unknown();
        }
    }
}
