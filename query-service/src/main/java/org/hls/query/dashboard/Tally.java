package org.hls.query.dashboard;

import java.util.HashMap;
import java.util.Map;

import org.bson.Document;

/**
 * Counters summed over dashboard documents, or over days within them: each section ({@code counts},
 * {@code outcomes}, {@code perspectives}, {@code themes}, {@code actionLearning}) maps names to numbers.
 */
final class Tally {

    static final String[] SECTIONS = {"counts", "outcomes", "perspectives", "themes", "actionLearning"};

    private final Map<String, Map<String, Long>> sections = new HashMap<>();

    /** Adds the counters of {@code counters}, a document holding some of the sections. */
    void add(Document counters) {
        for (String section : SECTIONS) {
            Document counts = counters.get(section, Document.class);
            if (counts != null) {
                Map<String, Long> into = section(section);
                counts.forEach((name, count) -> into.merge(name, ((Number) count).longValue(), Long::sum));
            }
        }
    }

    long get(String section, String name) {
        return sections.getOrDefault(section, Map.of()).getOrDefault(name, 0L);
    }

    Map<String, Long> section(String section) {
        return sections.computeIfAbsent(section, s -> new HashMap<>());
    }
}
