package org.hls.infra.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redocly CLI's lint, with its recommended rules, of an OpenAPI description: run through {@code npx} (Node and npm,
 * which {@code .ci/run} installs from Debian), fetched from the npm registry the first time. 1.25 runs on Debian's
 * Node 18; later versions need Node 20.
 */
public final class ApiLint {

    static final String REDOCLY = "@redocly/cli@1.25.0";
    /** A problem as the stylish format lists it: {@code 12:5  warning  rule-id  what is wrong}. */
    private static final Pattern PROBLEM = Pattern.compile("^\\s*\\d+:\\d+\\s+(error|warning)\\s+(\\S+)");

    private ApiLint() {
    }

    /**
     * What the lint found: each error and warning as {@code "error rule-id"} or {@code "warning rule-id"}, and all it
     * said.
     */
    public record Result(List<String> problems, String output) {
    }

    /** Writes {@code description} to {@code file} and lints it. */
    public static Result lint(String description, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, description);
        // One lint at a time on this machine: npx installs into a cache that two at once may leave half written, and
        // the modules that lint build side by side.
        try (FileChannel lockFile = FileChannel.open(Path.of(System.getProperty("java.io.tmpdir"), "hls-api-lint.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
            return run(file);
        }
    }

    private static Result run(Path file) throws IOException, InterruptedException {
        Process lint;
        try {
            lint = new ProcessBuilder("npx", "--yes", REDOCLY, "lint", "--format=stylish", file.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException noNode) {
            throw new IllegalStateException("Node's npx is needed to lint the API description: "
                    + "apt-get install nodejs npm", noNode);
        }
        byte[] output = lint.getInputStream().readAllBytes();
        if (!lint.waitFor(5, TimeUnit.MINUTES)) {
            lint.destroyForcibly();
            throw new IllegalStateException("Redocly's lint did not finish in 5 minutes");
        }
        String said = new String(output, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        said.lines().map(PROBLEM::matcher).filter(Matcher::find)
                .forEach(found -> problems.add(found.group(1) + " " + found.group(2)));
        if (lint.exitValue() != 0 && problems.isEmpty()) {
            problems.add("error exit status " + lint.exitValue());
        }
        return new Result(problems, said);
    }
}
