package org.hls.query.export;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import org.hls.query.history.LiveHistory;
import org.hls.query.security.Reader;
import org.hls.query.web.FilterParameters;
import org.hls.query.web.Filters;
import org.hls.query.web.InvalidParameter;
import org.hls.query.web.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Exports for analysts and leaders: {@code format=ndjson} (the default) or {@code csv}, with the dashboards'
 * filters and {@code asOf}, streamed as they are read; {@link #AT_ONCE} at a time for each person on an instance.
 */
@RestController
@RequestMapping("/api/export")
class ExportController {

    /** How many exports one person may have running at once (429 beyond): a spreadsheet of each kind. */
    static final int AT_ONCE = 2;

    private final Exports exports;
    private final LiveHistory history;
    private final Clock clock;
    private final ExportsRunning running = new ExportsRunning(AT_ONCE);

    ExportController(Exports exports, LiveHistory history, Clock clock) {
        this.exports = exports;
        this.history = history;
        this.clock = clock;
    }

    @FilterParameters
    @Parameter(name = "format", in = ParameterIn.QUERY, description = "ndjson (the default) or csv",
            schema = @Schema(type = "string", allowableValues = {"ndjson", "csv"}))
    @Operation(summary = "Export learning (ndjson or csv, with pseudonyms)")
    @GetMapping("/learning")
    ResponseEntity<StreamingResponseBody> learning(
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters, Reader reader,
            HttpServletRequest request) {
        return export("learning", parameters, reader, request, (filters, format) ->
                out -> exports.learning(filters, reader, format, out));
    }

    @FilterParameters
    @Parameter(name = "format", in = ParameterIn.QUERY, description = "ndjson (the default) or csv",
            schema = @Schema(type = "string", allowableValues = {"ndjson", "csv"}))
    @Operation(summary = "Export experiments (ndjson or csv, with pseudonyms)")
    @GetMapping("/experiments")
    ResponseEntity<StreamingResponseBody> experiments(
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters, Reader reader,
            HttpServletRequest request) {
        return export("experiments", parameters, reader, request, (filters, format) ->
                out -> exports.experiments(filters, reader, format, out));
    }

    private ResponseEntity<StreamingResponseBody> export(String name, Map<String, String> parameters, Reader reader,
                                                         HttpServletRequest request, Body body) {
        if (!reader.has("ANALYST") && !reader.has("LEADER")) {
            throw new Refusal(HttpStatus.FORBIDDEN, "refused.export.who");
        }
        String asked = parameters.get("format");
        ExportFormat format = asked == null || asked.isBlank() ? ExportFormat.NDJSON
                : ExportFormat.named(asked.strip());
        if (format == null) {
            throw new InvalidParameter("format", "invalid.one-of-these", ExportFormat.valid());
        }
        Filters parsed = Filters.of(parameters, clock, "format");
        history.ready();
        StreamingResponseBody rows = body.of(parsed, format);
        Runnable finished = running.admit(reader.actor().personId());
        // Its place is freed twice over, counted off once: as soon as it is all written (the person's next export, asked
        // for at once, finds it free), and however else the answer ends: failed, timed out, or never started (the
        // client gone while it waited for a thread).
        WebAsyncUtils.getAsyncManager(request).registerCallableInterceptor(ExportsRunning.class,
                new CallableProcessingInterceptor() {
                    @Override
                    public <T> void afterCompletion(NativeWebRequest answered, Callable<T> task) {
                        finished.run();
                    }
                });
        return ResponseEntity.ok().contentType(format.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "." + format.extension()
                        + "\"")
                .body(out -> {
                    try {
                        rows.writeTo(out);
                    } finally {
                        finished.run();
                    }
                });
    }

    @FunctionalInterface
    private interface Body {
        StreamingResponseBody of(Filters filters, ExportFormat format);
    }
}
