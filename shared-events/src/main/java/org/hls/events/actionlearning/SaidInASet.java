package org.hls.events.actionlearning;

/**
 * An event of what is said inside an action learning set. Its personal data is sealed twice: with its writer's key
 * (withdrawing consent erases it) and then with the set's own key, which only the set's read model uses, so that
 * nothing else that reads the topic or the event store can open it, even holding the writer's key.
 */
public interface SaidInASet {

    String setId();

    /** What a set's key is bound to when it seals: not a person's id, so a person's key never opens it. */
    static String keyName(String setId) {
        return "set:" + setId;
    }
}
