package org.hls.infra.launcher;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.hls.events.Actor;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.hls.events.EventTypes;
import org.hls.events.person.ConsentWithdrawn;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Backs up a platform's event store and the personal keys that open its words, with a checksum, and restores them
 * into an empty platform, which then rebuilds every projection from them.
 * <p>
 * {@code backup --to=DIR}: every stored event, in order, as {@code GET /api/admin/events} streams it
 * ({@code events.ndjson}); every key of the keys database, people's and action learning sets'
 * ({@code keys.ndjson}: keys are never served over HTTP); who had withdrawn consent ({@code withdrawn.txt}); and
 * {@code SHA256SUMS}, which {@code sha256sum -c} reads too.
 * <p>
 * {@code restore --from=DIR [--withdrawn=FILE ...]}: checks every checksum first, refuses a store that holds events
 * or keys already, stores the keys, destroys again the keys of everyone in the backup's and the given
 * {@code withdrawn.txt} files (a newer backup's: a restore must not bring back the words of someone who withdrew
 * after the backup was taken), then imports the events through the event store's append path. Keys go first: the
 * import keeps words sealed with a person's current key as they are.
 */
@Command(name = "backup", mixinStandardHelpOptions = true, subcommands = {BackupCommand.Backup.class,
        BackupCommand.Restore.class}, description = "Backs up the event store and the personal keys, or restores them.")
public final class BackupCommand {

    static final String EVENTS = "events.ndjson";
    static final String KEYS = "keys.ndjson";
    static final String WITHDRAWN = "withdrawn.txt";
    static final String SUMS = "SHA256SUMS";
    private static final JsonWriterSettings EXTENDED = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
            .build();

    public static void main(String[] args) {
        System.exit(new CommandLine(new BackupCommand()).execute(args));
    }

    /** Where the platform is, and how to act on it as the platform operator, as the rebuild command does. */
    static class Target {

        @Option(names = "--command-service", defaultValue = "${env:COMMAND_SERVICE_URL:-http://localhost:8081}",
                description = "command-service's address (default: ${DEFAULT-VALUE})")
        String commandService;

        @Option(names = "--mongodb", defaultValue = "${env:MONGODB_URI:-mongodb://localhost:27017}",
                description = "the store, for the keys (default: ${DEFAULT-VALUE})")
        String mongodb;

        @Option(names = "--keys-database", defaultValue = "${env:PERSONAL_KEYS_DATABASE:-learning-keys}",
                description = "the database of the personal keys (default: ${DEFAULT-VALUE})")
        String keysDatabase;

        @CommandLine.Mixin
        AdminAccess access = new AdminAccess();

        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        String admin() {
            return access.admin("backup");
        }

        HttpRequest.Builder events(String admin) {
            return HttpRequest.newBuilder(URI.create(commandService + "/api/admin/events"))
                    .header("Authorization", "Bearer " + admin);
        }

    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Writes every stored event, every personal key and who withdrew, with their checksums.")
    static final class Backup implements Callable<Integer> {

        @CommandLine.Mixin
        Target platform = new Target();

        @Option(names = "--to", required = true, description = "an empty or new directory to write the backup to")
        Path to;

        @Override
        public Integer call() throws IOException {
            Files.createDirectories(to);
            try (Stream<Path> existing = Files.list(to)) {
                if (existing.findAny().isPresent()) {
                    System.err.println(to + " is not empty: a backup goes into a directory of its own.");
                    return 1;
                }
            }
            String admin = platform.admin();
            // Events first, keys after: every key an event needs was made before the event was stored.
            TreeSet<String> withdrawn = new TreeSet<>();
            long events = 0;
            HttpResponse<Stream<String>> answer = HttpCalls.send(platform.http,
                    platform.events(admin).build(), HttpResponse.BodyHandlers.ofLines());
            if (answer.statusCode() != 200) {
                System.err.println("The event store answered " + answer.statusCode());
                return 1;
            }
            // Readable by the operator alone: the keys open every sealed word the events hold.
            for (String file : List.of(EVENTS, KEYS, WITHDRAWN, SUMS)) {
                ownerOnly(to.resolve(file));
            }
            try (Stream<String> lines = answer.body(); BufferedWriter out = Files.newBufferedWriter(
                    to.resolve(EVENTS), StandardCharsets.UTF_8)) {
                for (String line : (Iterable<String>) lines.filter(text -> !text.isBlank())::iterator) {
                    out.write(line);
                    out.write('\n');
                    events++;
                    JsonNode event = EventJson.toTree(line);
                    if (event.get("type").asText().equals("ConsentWithdrawn")) {
                        withdrawn.add(event.get("payload").get("personId").asText());
                    }
                }
            }
            long keys = 0;
            try (MongoClient client = MongoClients.create(platform.mongodb);
                 BufferedWriter out = Files.newBufferedWriter(to.resolve(KEYS), StandardCharsets.UTF_8)) {
                MongoDatabase database = client.getDatabase(platform.keysDatabase);
                for (String collection : database.listCollectionNames()) {
                    for (Document key : database.getCollection(collection).find()) {
                        out.write(new Document("collection", collection).append("document", key).toJson(EXTENDED));
                        out.write('\n');
                        keys++;
                    }
                }
            }
            Files.write(to.resolve(WITHDRAWN), withdrawn);
            Map<String, String> sums = new LinkedHashMap<>();
            for (String file : List.of(EVENTS, KEYS, WITHDRAWN)) {
                sums.put(file, sha256(to.resolve(file)));
            }
            List<String> lines = new ArrayList<>();
            sums.forEach((file, sum) -> lines.add(sum + "  " + file));
            Files.write(to.resolve(SUMS), lines);
            System.out.printf("Backed up %,d events and %,d keys (%,d people withdrawn) to %s%n", events, keys,
                    withdrawn.size(), to);
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Restores a backup into an empty platform, destroying again the keys of everyone who "
                    + "withdrew.")
    static final class Restore implements Callable<Integer> {

        @CommandLine.Mixin
        Target platform = new Target();

        @Option(names = "--from", required = true, description = "the backup's directory")
        Path from;

        @Option(names = "--withdrawn", description = "more withdrawn.txt files (a newer backup's) whose people's "
                + "keys are destroyed too")
        List<Path> withdrawnElsewhere = new ArrayList<>();

        @Option(names = "--again", description = "continues a restore that stopped part way (its import refused or "
                + "cut off): keys are written again, and events stored already are counted, not stored twice")
        boolean again;

        @Override
        public Integer call() throws IOException {
            List<String> damaged = damaged(from);
            if (!damaged.isEmpty()) {
                damaged.forEach(System.err::println);
                System.err.println("Nothing restored.");
                return 1;
            }
            String admin = platform.admin();
            try (MongoClient client = MongoClients.create(platform.mongodb)) {
                MongoDatabase database = client.getDatabase(platform.keysDatabase);
                HttpResponse<Stream<String>> stored = HttpCalls.send(platform.http, platform.events(admin).build(),
                        HttpResponse.BodyHandlers.ofLines());
                boolean storeHoldsEvents;
                try (Stream<String> lines = stored.body()) {
                    storeHoldsEvents = lines.anyMatch(line -> !line.isBlank());
                }
                boolean storeHoldsKeys = database.listCollectionNames().into(new ArrayList<>()).stream()
                        .anyMatch(collection -> database.getCollection(collection).countDocuments() > 0);
                if (stored.statusCode() != 200 || (!again && (storeHoldsEvents || storeHoldsKeys))) {
                    System.err.println("A backup is restored into an empty platform only: this one "
                            + (stored.statusCode() != 200 ? "answered " + stored.statusCode()
                            : "holds events or keys already (--again continues a restore that stopped part way)")
                            + ". Nothing restored.");
                    return 1;
                }
                // Before any key is written: a deployment whose imports are switched off takes none of the events.
                HttpResponse<String> importing = importEvents(admin, HttpRequest.BodyPublishers.noBody());
                if (importing.statusCode() != 200) {
                    System.err.println("The platform takes no import: " + importing.statusCode() + " "
                            + importing.body() + " Switch imports on in command-service (IMPORTS_ENABLED=true) for "
                            + "the restore. Nothing restored.");
                    return 1;
                }
                try (Stream<String> lines = Files.lines(from.resolve(KEYS))) {
                    for (String line : (Iterable<String>) lines.filter(text -> !text.isBlank())::iterator) {
                        Document key = Document.parse(line);
                        Document document = key.get("document", Document.class);
                        Object id = document.remove("_id");
                        // A restore run again writes only what is missing: a key destroyed since stays destroyed.
                        database.getCollection(key.getString("collection")).updateOne(new Document("_id", id),
                                new Document("$setOnInsert", document), new UpdateOptions().upsert(true));
                    }
                }
                MongoCollection<Document> keys = database.getCollection("personal_keys");
                TreeSet<String> withdrawnThen = people(from.resolve(WITHDRAWN));
                TreeSet<String> withdrawn = new TreeSet<>(withdrawnThen);
                for (Path elsewhere : withdrawnElsewhere) {
                    withdrawn.addAll(people(elsewhere));
                }
                // As the directory of people destroys a key when it applies a withdrawal: the person's, and the key
                // of each pseudonym they shared learning under without their name.
                for (String person : withdrawn) {
                    Document before = keys.find(new Document("_id", person)).first();
                    List<String> pseudonyms = before == null ? List.of()
                            : before.getList("pseudonyms", String.class, List.of());
                    for (String keyId : pseudonyms) {
                        keys.replaceOne(new Document("_id", keyId), new Document("_id", keyId)
                                .append("destroyed", true), new ReplaceOptions().upsert(true));
                    }
                    keys.replaceOne(new Document("_id", person), new Document("_id", person).append("destroyed", true)
                            .append("pseudonyms", pseudonyms), new ReplaceOptions().upsert(true));
                }
                HttpResponse<String> imported = importEvents(admin, HttpRequest.BodyPublishers.ofFile(
                        from.resolve(EVENTS)));
                if (imported.statusCode() != 200) {
                    System.err.println("The import was refused: " + imported.statusCode() + " " + imported.body()
                            + " Run the restore again with --again once its cause is mended.");
                    return 1;
                }
                // A withdrawal made after the backup is recorded too (by the restore, now): every read model forgets
                // the person's words, and every later backup lists them.
                TreeSet<String> since = new TreeSet<>(withdrawn);
                since.removeAll(withdrawnThen);
                if (!since.isEmpty()) {
                    HttpResponse<String> recorded = importEvents(admin, HttpRequest.BodyPublishers.ofString(
                            String.join("\n", since.stream().map(Restore::withdrawal).toList())));
                    if (recorded.statusCode() != 200) {
                        System.err.println("The withdrawals made since the backup were refused: "
                                + recorded.statusCode() + " " + recorded.body() + " Run it again with --again.");
                        return 1;
                    }
                }
                System.out.println("Restored " + from + " (" + withdrawn.size() + " people's keys destroyed, "
                        + since.size() + " withdrawals since the backup recorded): " + imported.body());
                return 0;
            }
        }

        /** The people a withdrawn.txt names, a line each (spaces around an id are not part of it). */
        private static TreeSet<String> people(Path withdrawnTxt) throws IOException {
            TreeSet<String> people = new TreeSet<>();
            Files.readAllLines(withdrawnTxt).stream().map(String::strip).filter(line -> !line.isEmpty())
                    .forEach(people::add);
            return people;
        }

        private HttpResponse<String> importEvents(String admin, HttpRequest.BodyPublisher events) {
            return HttpCalls.send(platform.http, HttpRequest.newBuilder(
                            URI.create(platform.commandService + "/api/admin/import"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/x-ndjson")
                    .POST(events).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The first event of {@code person}'s consent record: their withdrawal, as the restore records it. */
        private static String withdrawal(String person) {
            Instant now = Instant.now();
            ConsentWithdrawn withdrawn = new ConsentWithdrawn(person, null, new Actor("restore-command",
                    "Restore command", "platform", "operations", "platform"), now);
            return new String(EventJson.write(new EventEnvelope(UUID.nameUUIDFromBytes(("withdrawal " + person)
                    .getBytes(StandardCharsets.UTF_8)).toString(), EventTypes.nameOf(ConsentWithdrawn.class),
                    EventTypes.schemaVersionOf(ConsentWithdrawn.class), person, 0, 0, now, now,
                    EventJson.newMapper().valueToTree(withdrawn))), StandardCharsets.UTF_8);
        }
    }

    /** Every file of the backup in {@code directory} whose checksum does not match, or that is missing. */
    static List<String> damaged(Path directory) throws IOException {
        List<String> damaged = new ArrayList<>();
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : Files.readAllLines(directory.resolve(SUMS))) {
            String[] sum = line.split(" {2}", 2);
            sums.put(sum[1], sum[0]);
        }
        for (String file : List.of(EVENTS, KEYS, WITHDRAWN)) {
            Path path = directory.resolve(file);
            if (!sums.containsKey(file) || !Files.exists(path)) {
                damaged.add(file + ": missing");
            } else if (!sums.get(file).equals(sha256(path))) {
                damaged.add(file + ": its checksum does not match " + SUMS + ": it changed after the backup");
            }
        }
        return damaged;
    }

    /** Creates {@code file} empty, readable and writable by its owner alone where the file system has owners. */
    private static void ownerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
