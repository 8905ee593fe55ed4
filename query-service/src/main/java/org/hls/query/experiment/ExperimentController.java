package org.hls.query.experiment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.hls.query.security.Reader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/experiments")
class ExperimentController {

    private final OverdueExperimentsProjection overdue;
    private final Clock clock;

    ExperimentController(OverdueExperimentsProjection overdue, Clock clock) {
        this.overdue = overdue;
        this.clock = clock;
    }

    /** Experiments of the caller's team (a facilitator: of their organisation) past their end date, unconcluded. */
    @GetMapping("/overdue")
    List<OverdueExperiment> overdue(Reader reader) {
        return overdue.overdue(reader, LocalDate.now(clock));
    }
}
