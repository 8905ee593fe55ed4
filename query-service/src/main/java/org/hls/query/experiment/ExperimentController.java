package org.hls.query.experiment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hls.query.security.Reader;
import org.hls.query.web.Filters;
import org.hls.query.web.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/experiments")
class ExperimentController {

    private final OverdueExperimentsProjection overdue;
    private final ExperimentTimelineProjection timelines;
    private final TeamExperimentsProjection teams;
    private final Clock clock;

    ExperimentController(OverdueExperimentsProjection overdue, ExperimentTimelineProjection timelines,
                         TeamExperimentsProjection teams, Clock clock) {
        this.overdue = overdue;
        this.timelines = timelines;
        this.teams = teams;
        this.clock = clock;
    }

    /** One experiment with its timeline of events and learning; an experiment the caller may not see is unknown. */
    @Operation(summary = "Read an experiment with its timeline and learning")
    @GetMapping("/{experimentId}")
    ExperimentTimeline experiment(@PathVariable String experimentId, Reader reader) {
        return timelines.timeline(experimentId, reader).orElseThrow(() -> new Refusal(HttpStatus.NOT_FOUND,
                "refused.experiment.unknown"));
    }

    /**
     * How the experiment's understanding evolved: each event in order, with the experiment after it; always the whole
     * of it (each moment is the experiment as it was then), so it takes no parameter, {@code asOf} neither.
     */
    @Operation(summary = "An experiment's history, step by step")
    @GetMapping("/{experimentId}/history")
    ExperimentHistory history(@PathVariable String experimentId,
                              @Parameter(hidden = true) @RequestParam Map<String, String> parameters, Reader reader) {
        Filters.refuseOthers(parameters, List.of());
        return timelines.history(experimentId, reader).orElseThrow(() -> new Refusal(HttpStatus.NOT_FOUND,
                "refused.experiment.unknown"));
    }

    /**
     * The experiments the caller proposed, newest first, to record learning within one of them; {@code size} at a
     * time, with a {@code Link} to the next page when there is one.
     */
    @Operation(summary = "My experiments")
    @GetMapping("/mine")
    ResponseEntity<List<ListedExperiment>> mine(@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                                                @RequestParam(defaultValue = "50") @Min(1) @Max(100) int size,
                                                @Parameter(hidden = true) @RequestParam Map<String, String> parameters,
                                                Reader reader) {
        Filters.refuseOthers(parameters, List.of("page", "size"));
        return paged("/api/experiments/mine", timelines.proposedBy(reader, page, size), page, size);
    }

    /**
     * The experiments others of the caller's team proposed for the team or wider, newest first, to record learning
     * within one of them; paged as the caller's own are.
     */
    @Operation(summary = "My team's experiments")
    @GetMapping("/team")
    ResponseEntity<List<ListedExperiment>> team(@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                                                @RequestParam(defaultValue = "50") @Min(1) @Max(100) int size,
                                                @Parameter(hidden = true) @RequestParam Map<String, String> parameters,
                                                Reader reader) {
        Filters.refuseOthers(parameters, List.of("page", "size"));
        return paged("/api/experiments/team", teams.ofTeam(reader, page, size), page, size);
    }

    private static ResponseEntity<List<ListedExperiment>> paged(String path, ExperimentsPage listed, int page,
                                                                int size) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (listed.hasNext()) {
            answer.header(HttpHeaders.LINK, "<" + path + "?page=" + (page + 1) + "&size=" + size + ">; rel=\"next\"");
        }
        return answer.body(listed.experiments());
    }

    /** Experiments of the caller's team (a facilitator: of their organisation) past their end date, unconcluded. */
    @Operation(summary = "My team's experiments past their end date")
    @GetMapping("/overdue")
    List<OverdueExperiment> overdue(Reader reader) {
        return overdue.overdue(reader, LocalDate.now(clock));
    }
}
