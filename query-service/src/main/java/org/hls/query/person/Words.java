package org.hls.query.person;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hls.events.SealedText;

/**
 * What some people said, as anyone may be shown it: opened with the writer's key, or
 * {@value SealedText#WITHDRAWN} once they withdrew consent (their key destroyed, or their withdrawal projected).
 * Words stored before they were sealed are shown as stored, unless their writer withdrew.
 */
public final class Words {

    private final Map<String, byte[]> keys;
    private final Set<String> withdrawn;

    Words(Map<String, byte[]> keys, Set<String> withdrawn) {
        this.keys = keys;
        this.withdrawn = withdrawn;
    }

    /** {@code text} as written by {@code personId}, or {@value SealedText#WITHDRAWN}; {@code null} stays so. */
    public String shown(String text, String personId) {
        return shown(text, personId, personId);
    }

    /**
     * {@code text} as {@code speaker} said it and {@code writer} wrote it down (the facilitator may, for a member; a
     * {@code null} speaker is the writer), or {@value SealedText#WITHDRAWN} once the speaker withdrew: sealed with
     * the speaker's key, or, written before words were sealed so, with the writer's.
     */
    public String shown(String text, String speaker, String writer) {
        String owner = speaker != null ? speaker : writer;
        if (text == null) {
            return null;
        }
        if (withdrew(owner)) {
            return SealedText.WITHDRAWN;
        }
        if (!SealedText.isSealed(text)) {
            return text;
        }
        return opened(text, owner).or(() -> opened(text, writer)).orElse(SealedText.WITHDRAWN);
    }

    private Optional<String> opened(String text, String personId) {
        byte[] key = personId == null || withdrew(personId) ? null : keys.get(personId);
        return key == null ? Optional.empty() : SealedText.open(key, personId, text);
    }

    /** These words, with {@code people} withdrawn too (as another view, such as the history, already knows). */
    public Words alsoWithdrawn(Collection<String> people) {
        Set<String> all = new HashSet<>(withdrawn);
        all.addAll(people);
        return new Words(keys, all);
    }

    /** Whether {@code personId} withdrew consent. */
    public boolean withdrew(String personId) {
        return personId != null && (withdrawn.contains(personId) || keys.get(personId) == PersonalKeys.DESTROYED);
    }
}
