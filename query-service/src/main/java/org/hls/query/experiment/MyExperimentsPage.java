package org.hls.query.experiment;

import java.util.List;

/**
 * A page of the caller's own experiments, newest first.
 *
 * @param hasNext whether a later page holds more
 */
public record MyExperimentsPage(List<MyExperiment> experiments, boolean hasNext) {
}
