package org.hls.infra.embedded;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Requests a hostile or careless client would send, generated from a valid example with a seeded random source:
 * the property-based tests' generator. A JSON body has one to three of its fields missing, null, of the wrong type,
 * an enum's ordinal, duplicated, a MongoDB operator, a unicode edge case (bidi override, zero-width, lone surrogate,
 * NUL, BOM), an extreme date, size or nesting; or the body is broken as a whole; and its {@code Content-Type} and
 * {@code Accept} headers are odd one time in four. A query string has its parameters given such values, repeated,
 * unknown or %-encoded wrongly. The same seed gives the same requests.
 */
public final class Hostile {

    /** How many requests per endpoint: {@code -Dhostile.cases=}, 200 unless set (CI's time). */
    public static final int CASES = Integer.getInteger("hostile.cases", 200);
    /** The run's seed: {@code -Dhostile.seed=} replays a run. */
    public static final long SEED = Long.getLong("hostile.seed", System.nanoTime());

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Values as JSON text: each is a value some field of some endpoint should refuse, or take as it is. */
    private static final List<String> VALUES = List.of(
            "null", "true", "false", "0", "-1", "3", "2147483648", "1e308", "-0.0", "1.5",
            "123456789012345678901234567890", "\"\"", "\" \"", "\"\\u0000\"", "\"\\u202Ereversed\"",
            "\"in\\u200Bvisible\"", "\"\\uFEFFmarked\"", "\"half \\uD800 a pair\"", "\"\\uDC00\"",
            "\"\\uD83D\\uDE00\"", "\"e\\u0301\"", "\"<script>alert(1)</script>\"", "\"${jndi:ldap://x/a}\"",
            "\"../../etc/passwd\"", "\"%zz\"", "\"' OR 1=1 --\"", "\"\\\\\"", "\"line\\nbreak\\r\\ttab\"",
            "\"" + "x".repeat(5_000) + "\"", "\"" + "x".repeat(70_000) + "\"", "{\"$gt\":\"\"}",
            "{\"$where\":\"sleep(1000)\"}", "{\"$ne\":null}", "\"$where\"", "{\"$regex\":\".*\"}", "[]", "[null]",
            "[\"a\",\"a\"]", "[1,2]", "[{\"$gt\":\"\"}]", "{}", "\"+999999999-12-31\"", "\"-999999999-01-01\"",
            "\"2026-02-30\"", "\"20990101\"", "\"2099-1-1\"", "\"9999-12-31\"", "\"0000-01-01\"",
            "\"2099-01-31T00:00:00Z\"", "\"reflection\"", "\"REFLECTION \"", "\"SYSTEM\\u0000\"",
            "\"PRIVATE,SYSTEM\"", many("\"t%d\"", 1_000), nested("[", "]", 2_000), nested("{\"a\":", "}", 2_000));
    private static final List<String> NAMES = List.of("extra", "$where", "__proto__", "constructor", "author",
            "organisation", "id", "", "_id", "@type", "class");
    private static final List<Function<String, String>> WHOLE = List.of(
            body -> body.substring(0, body.length() / 2), body -> body + "garbage", body -> "[" + body + "]",
            body -> "null", body -> "", body -> "\uFEFF" + body, body -> "/* note */" + body,
            body -> body.replace('"', '\''), body -> body.replace("}", ",}"), body -> body + " " + body,
            body -> "{\"a\":NaN}", body -> body.replace(":", ": \u00A0"));
    private static final List<String> CONTENT_TYPES = List.of("application/json; charset=UTF-8",
            "application/json; charset=ISO-8859-1", "application/json; charset=UTF-16",
            "application/json;charset=\"bogus\"", "text/plain", "*/*", "application/x-www-form-urlencoded",
            "application/json, text/plain", ";;;", "application/problem+json", "application/merge-patch+json",
            "multipart/form-data; boundary=x", "application/yaml", "");
    private static final List<String> ACCEPTS = List.of("*/*", "text/html", "application/xml", "application/json;q=0",
            "text/event-stream", "garbage", "application/problem+json", "application/json, */*;q=0.1", "",
            "image/png, text/plain");

    private Hostile() {
    }

    /** A request to send: its headers and body, and how it was made (with the seed that makes it again). */
    public record Request(Map<String, String> headers, String body, String made) {
        @Override
        public String toString() {
            return made + " " + headers + " " + (body.length() > 300 ? body.substring(0, 300) + "…(" + body.length()
                    + " chars)" : body);
        }
    }

    /** {@link #CASES} bodies and headers varied from {@code example}, a JSON object, for the endpoint named. */
    public static List<Request> requests(String example, String endpoint) {
        Map<String, String> fields = fields(example);
        long seed = SEED ^ endpoint.replaceAll("[0-9a-f-]{36}", "{id}").hashCode();
        SplittableRandom random = new SplittableRandom(seed);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            StringBuilder made = new StringBuilder("hostile.seed=" + SEED + " case " + i + ":");
            String body = body(fields, random, made);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            if (random.nextInt(4) == 0) {
                String header = random.nextBoolean() ? "Content-Type" : "Accept";
                String value = pick(random, header.equals("Accept") ? ACCEPTS : CONTENT_TYPES);
                headers.put(header, value);
                made.append(" header ").append(header);
            }
            requests.add(new Request(headers, body, made.toString()));
        }
        return requests;
    }

    /**
     * {@link #CASES} query strings for an endpoint taking {@code parameters}, each given a valid value from
     * {@code valid} or a hostile one, repeated, unknown or with a broken %-escape.
     */
    public static List<String> queries(Map<String, List<String>> valid, String endpoint) {
        SplittableRandom random = new SplittableRandom(SEED ^ endpoint.hashCode());
        List<String> names = new ArrayList<>(valid.keySet());
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            List<String> pairs = new ArrayList<>();
            for (String name : names) {
                if (random.nextInt(3) == 0) {
                    pairs.add(name + "=" + encode(pick(random, valid.get(name))));
                }
            }
            int hostile = 1 + random.nextInt(3);
            for (int h = 0; h < hostile; h++) {
                String name = names.isEmpty() || random.nextInt(5) == 0 ? pick(random, NAMES) : pick(random, names);
                pairs.add(switch (random.nextInt(5)) {
                    case 0 -> encode(name) + "=%" + (random.nextBoolean() ? "zz" : "E0%A4%A");
                    case 1 -> encode(name);
                    case 2 -> encode(name) + "=" + encode(unquoted(pick(random, VALUES)));
                    case 3 -> encode(name) + "[$ne]=1";
                    default -> encode(name) + "=" + encode(unquoted(pick(random, VALUES))) + "&" + encode(name)
                            + "=" + encode(unquoted(pick(random, VALUES)));
                });
            }
            queries.add(String.join("&", pairs));
        }
        return queries;
    }

    private static String body(Map<String, String> example, SplittableRandom random, StringBuilder made) {
        if (random.nextInt(8) == 0) {
            made.append(" whole body");
            return pick(random, WHOLE).apply(object(example, List.of()));
        }
        Map<String, String> fields = new LinkedHashMap<>(example);
        List<String> extra = new ArrayList<>();
        int changes = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
        for (int c = 0; c < changes; c++) {
            String field = fields.isEmpty() ? pick(random, NAMES) : pick(random, new ArrayList<>(fields.keySet()));
            switch (random.nextInt(6)) {
                case 0 -> {
                    fields.remove(field);
                    made.append(" no ").append(field);
                }
                case 1 -> {
                    extra.add(quote(field) + ":" + pick(random, VALUES));
                    made.append(" twice ").append(field);
                }
                case 2 -> {
                    String name = pick(random, NAMES);
                    extra.add(quote(name) + ":" + pick(random, VALUES));
                    made.append(" unknown ").append(name);
                }
                default -> {
                    fields.put(field, pick(random, VALUES));
                    made.append(" odd ").append(field);
                }
            }
        }
        return object(fields, extra);
    }

    private static Map<String, String> fields(String example) {
        try {
            JsonNode object = JSON.readTree(example);
            Map<String, String> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), field.getValue().toString());
            }
            return fields;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + example, e);
        }
    }

    private static String object(Map<String, String> fields, List<String> extra) {
        List<String> members = new ArrayList<>();
        fields.forEach((name, value) -> members.add(quote(name) + ":" + value));
        members.addAll(extra);
        return "{" + String.join(",", members) + "}";
    }

    private static String quote(String name) {
        return JSON.getNodeFactory().textNode(name).toString();
    }

    /** A JSON value as a query parameter would carry it: a string's content, anything else as written. */
    private static String unquoted(String value) {
        if (value.startsWith("\"") && value.length() < 10_000) {
            try {
                return JSON.readTree(value).asText();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return value.length() > 10_000 ? value.substring(0, 10_000) : value;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value.replaceAll("[\\uD800-\\uDFFF]", "\uFFFD"),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static <T> T pick(SplittableRandom random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String many(String format, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format(format, i))
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String nested(String open, String close, int depth) {
        return open.repeat(depth) + "1" + close.repeat(depth);
    }
}
