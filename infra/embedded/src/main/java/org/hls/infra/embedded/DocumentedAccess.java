package org.hls.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An access table as {@code docs/security.md} writes it down (a request per row, who asks per column, the status in
 * each cell), read by the tests that hold each service to it, so that the document and the services cannot drift.
 */
public final class DocumentedAccess {

    /** One cell: {@code who} sending {@code request} (method and path, placeholders in braces) gets {@code status}. */
    public record Cell(String request, String who, int status) {

        @Override
        public String toString() {
            return request + " as " + who + ": " + status;
        }
    }

    private DocumentedAccess() {
    }

    /** The cells of the first table after the line {@code heading} in {@code document}. */
    public static List<Cell> table(Path document, String heading) throws IOException {
        List<String> lines = Files.readAllLines(document);
        int header = lines.indexOf(heading);
        if (header < 0) {
            throw new IllegalArgumentException(document + " has no line " + heading);
        }
        while (!lines.get(header).startsWith("| request |")) {
            header++;
        }
        List<String> columns = cellsOf(lines.get(header));
        List<Cell> cells = new ArrayList<>();
        for (int row = header + 2; row < lines.size() && lines.get(row).startsWith("| `"); row++) {
            List<String> cell = cellsOf(lines.get(row));
            for (int column = 1; column < columns.size(); column++) {
                cells.add(new Cell(cell.get(0).replace("`", ""), columns.get(column),
                        Integer.parseInt(cell.get(column))));
            }
        }
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("The table after " + heading + " in " + document + " has no rows");
        }
        return cells;
    }

    private static List<String> cellsOf(String line) {
        return Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|")).map(String::strip).toList();
    }
}
