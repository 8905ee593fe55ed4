package org.hls.events;

/**
 * What one person may write down for another (a facilitator, for the member who presents): its {@link PersonalData}
 * words are the speaker's, sealed with their key rather than the writer's. They become unreadable when the speaker
 * withdraws consent, and stay readable when the writer does.
 */
public interface SpokenFor {

    /** The person id of whose words these are. */
    String speaker();
}
