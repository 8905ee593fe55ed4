package org.hls.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every text of the page and every message of both services is in Welsh and in English: the same keys in both
 * languages, the same placeholders, nothing empty, no key the code asks for missing and none left over, and no text
 * in the page's markup outside its bundles.
 */
class TranslationsTest {

    private static final Path HOME = Path.of(System.getProperty("hls.home", "../..")).toAbsolutePath().normalize();
    private static final Path PAGE = HOME.resolve("query-service/src/main/resources/static");
    /** {0}, {1,number,#}: MessageFormat arguments (a number without grouping); {min}, {value}: a constraint's. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[\\w.,#]+}");
    /** Codes the services' own code names; the others (Bean Validation's, Spring MVC's) are named by the libraries. */
    private static final Pattern OWN_CODE =
            Pattern.compile("\"\\{?((?:refused|problem|invalid|validation)\\.[a-z.-]+)}?\"");

    @ParameterizedTest
    @ValueSource(strings = {"command-service", "query-service"})
    void eachServiceSaysEverythingInWelshAndEnglish(String service) throws IOException {
        Path resources = HOME.resolve(service).resolve("src/main/resources");
        Map<String, String> english = properties(resources.resolve("messages.properties"));
        Map<String, String> welsh = properties(resources.resolve("messages_cy.properties"));

        assertThat(welsh.keySet()).as("Welsh messages of %s", service).isEqualTo(english.keySet());
        for (String key : english.keySet()) {
            assertThat(english.get(key)).as(key).isNotBlank();
            assertThat(welsh.get(key)).as(key).isNotBlank().isNotEqualTo(english.get(key));
            assertThat(placeholders(welsh.get(key))).as("placeholders of %s in Welsh", key)
                    .isEqualTo(placeholders(english.get(key)));
            for (String text : new String[] {english.get(key), welsh.get(key)}) {
                // Spring formats a message given arguments (its own problem details always are): an apostrophe is
                // then written twice, or MessageFormat swallows it and what follows.
                if (text.matches("(?s).*\\{\\d.*") || key.startsWith("problemDetail.")) {
                    assertThat(text.replace("''", "")).as("lone apostrophe in %s", key).doesNotContain("'");
                    assertThat(formatted(text)).as("%s formatted", key).doesNotContain("{").doesNotContain("1,234");
                } else {
                    assertThat(text).as("doubled apostrophe in unformatted %s", key).doesNotContain("''");
                }
            }
        }

        // The service's code and what it shares with the other (shared-web, worded by each service's messages).
        Set<String> named = new TreeSet<>();
        for (String module : List.of(service, "shared-web")) {
            try (Stream<Path> sources = Files.walk(HOME.resolve(module).resolve("src/main/java"))) {
                for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                    find(OWN_CODE, Files.readString(source), named);
                }
            }
        }
        Set<String> own = english.keySet().stream()
                .filter(key -> !key.startsWith("jakarta.") && !key.startsWith("problemDetail."))
                .filter(key -> !key.startsWith("enum."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(own).as("messages %s has; its code names each of them", service).isEqualTo(named);
        // A domain value as a refusal words it (enum.Visibility.TEAM): a value of one of the events' enums.
        for (String key : english.keySet().stream().filter(key -> key.startsWith("enum.")).toList()) {
            String[] parts = key.split("\\.");
            try (Stream<Path> sources = Files.walk(HOME.resolve("shared-events/src/main/java"))) {
                assertThat(sources.filter(path -> path.getFileName().toString().equals(parts[1] + ".java"))
                        .map(path -> read(path)).filter(text -> text.contains("enum " + parts[1]))
                        .anyMatch(text -> text.matches("(?s).*\\b" + parts[2] + "\\b.*")))
                        .as("%s names a value of an enum of the events", key).isTrue();
            }
        }
    }

    @Test
    void everyTextOfThePageIsInWelshAndEnglish() throws IOException {
        Map<String, String> english = bundle("en");
        Map<String, String> welsh = bundle("cy");
        assertThat(welsh.keySet()).as("Welsh texts of the page").isEqualTo(english.keySet());
        for (String key : english.keySet()) {
            assertThat(english.get(key)).as(key).isNotBlank();
            assertThat(welsh.get(key)).as(key).isNotBlank();
            assertThat(placeholders(welsh.get(key))).as("placeholders of %s in Welsh", key)
                    .isEqualTo(placeholders(english.get(key)));
        }

        String markup = Files.readString(PAGE.resolve("index.html"));
        StringBuilder scripts = new StringBuilder();
        try (Stream<Path> files = Files.list(PAGE)) {
            for (Path script : files.filter(path -> path.toString().endsWith(".js")).sorted().toList()) {
                scripts.append(Files.readString(script)).append('\n');
            }
        }
        Set<String> asked = new TreeSet<>();
        find(Pattern.compile("data-i18n(?:-[a-z-]+)?=\"([^\"]+)\""), markup, asked);
        find(Pattern.compile("\\bt\\('([^']+)'"), scripts, asked);
        assertThat(english.keySet()).as("keys the page asks for").containsAll(asked);

        String everything = markup + scripts;
        assertThat(english.keySet().stream()
                .filter(key -> !everything.contains("'" + key + "'") && !everything.contains("\"" + key + "\"")))
                .as("keys nothing in the page names").isEmpty();

        String body = markup.substring(markup.indexOf("<body"))
                .replaceAll("(?s)<script.*?</script>|<style.*?</style>|<!--.*?-->", "");
        assertThat(Pattern.compile(">([^<]*\\p{L}[^<]*)<").matcher(body).results().map(text -> text.group(1).strip())
                .toList()).as("text in the page's markup instead of its bundles").isEmpty();
    }

    /** The message with each argument as its format takes it: a count or a number as 1234, anything else as text. */
    private static String formatted(String text) {
        MessageFormat format = new MessageFormat(text, Locale.ROOT);
        Format[] formats = format.getFormatsByArgumentIndex();
        Object[] arguments = new Object[formats.length];
        for (int i = 0; i < formats.length; i++) {
            arguments[i] = formats[i] instanceof NumberFormat ? (Object) 1234 : "x";
        }
        return format.format(arguments);
    }

    private static void find(Pattern pattern, CharSequence text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static Set<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(MatchResult::group).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, String> properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> messages = new TreeMap<>();
        properties.forEach((key, value) -> messages.put((String) key, (String) value));
        return messages;
    }

    private static Map<String, String> bundle(String language) throws IOException {
        return new TreeMap<>(new ObjectMapper().readValue(PAGE.resolve("i18n/" + language + ".json").toFile(),
                new TypeReference<Map<String, String>>() { }));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
