package org.hls.query.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hls.events.EventJson;

/**
 * Writes an export's rows as they come, in its format: each row is its columns' values in order (text, numbers,
 * lists of text, or {@code null}).
 */
final class ExportWriter {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final OutputStream out;
    private final ExportFormat format;
    private final List<String> columns;

    ExportWriter(OutputStream out, ExportFormat format, List<String> columns) {
        this.out = out;
        this.format = format;
        this.columns = columns;
        if (format == ExportFormat.CSV) {
            // A byte-order mark first: without it a spreadsheet opens UTF-8 as its own code page (ŵ, ŷ garbled).
            try {
                out.write(BYTE_ORDER_MARK);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            line(columns.stream().map(ExportWriter::csv).collect(Collectors.joining(",")));
        }
    }

    void write(List<Object> values) {
        if (format == ExportFormat.NDJSON) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), values.get(i));
            }
            try {
                line(JSON.writeValueAsString(row));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            line(values.stream().map(ExportWriter::csvValue).collect(Collectors.joining(",")));
        }
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.write(format == ExportFormat.CSV ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csvValue(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return csv(list.stream().map(String::valueOf).collect(Collectors.joining(";")));
        }
        return csv(String.valueOf(value));
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break; a leading formula sign is defused. */
    private static String csv(String text) {
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
