package org.hls.command.story;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.hls.command.person.PersonalKeys;
import org.hls.command.Caller;
import org.springframework.stereotype.Component;

/**
 * Answers from the story itself, loaded from its events within the asking command's unit of work.
 */
@Component
class RepositoryStories implements Stories {

    private final Repository<Story> storyRepository;
    private final PersonalKeys keys;

    RepositoryStories(Repository<Story> storyRepository, PersonalKeys keys) {
        this.storyRepository = storyRepository;
        this.keys = keys;
    }

    @Override
    public void requireReferable(String storyId, Caller referrer, boolean anonymously) {
        try {
            storyRepository.load(storyId).execute(story ->
                    story.requireReferableBy(referrer, anonymously, keys::withdrawn));
        } catch (AggregateNotFoundException unknown) {
            throw Story.unknown();
        }
    }

    @Override
    public boolean toldBy(String storyId, String personId) {
        try {
            return storyRepository.load(storyId).invoke(story -> story.toldBy(personId));
        } catch (AggregateNotFoundException unknown) {
            return false;
        }
    }
}
