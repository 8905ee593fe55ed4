package org.hls.query.experiment;

import java.util.List;

/**
 * A page of a list of experiments, newest first.
 *
 * @param hasNext whether a later page holds more
 */
public record ExperimentsPage(List<ListedExperiment> experiments, boolean hasNext) {
}
