package org.hls.query.experiment;

import java.time.LocalDate;

/**
 * An experiment past the date it planned to end by, not yet concluded: its planned ending is due.
 */
public record OverdueExperiment(String experimentId, String title, LocalDate endsBy, String team) {
}
