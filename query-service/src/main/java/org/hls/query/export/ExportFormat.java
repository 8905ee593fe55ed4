package org.hls.query.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.http.MediaType;

/**
 * How an export is written: one JSON object a line, or comma-separated values with a header line.
 */
public enum ExportFormat {
    NDJSON(MediaType.parseMediaType("application/x-ndjson")),
    CSV(MediaType.parseMediaType("text/csv;charset=UTF-8"));

    private final MediaType mediaType;

    ExportFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format called {@code name} ({@code ndjson} or {@code csv}), or {@code null}. */
    static ExportFormat named(String name) {
        return Arrays.stream(values()).filter(format -> format.extension().equals(name)).findFirst().orElse(null);
    }

    static String valid() {
        return Arrays.stream(values()).map(ExportFormat::extension).collect(Collectors.joining(", "));
    }
}
