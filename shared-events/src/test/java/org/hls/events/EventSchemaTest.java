package org.hls.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Released event shapes never change. This test compares every event's shape with the released shapes in
 * {@code released-event-schemas.txt}: a change to a released version fails here; a new version is a new line.
 */
class EventSchemaTest {

    @Test
    void everyEventHasASchemaVersion() {
        assertThat(EventTypes.all()).allSatisfy(type -> assertThat(type.getAnnotation(SchemaVersion.class)).isNotNull());
    }

    @Test
    void releasedEventShapesAreUnchanged() throws IOException {
        String released;
        try (InputStream in = getClass().getResourceAsStream("/released-event-schemas.txt")) {
            released = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Class<? extends DomainEvent> type : EventTypes.all()) {
            assertThat(released.lines())
                    .as("%s v%d must be released exactly as it is now; a changed shape needs a new @SchemaVersion",
                            type.getSimpleName(), EventTypes.schemaVersionOf(type))
                    .contains(shapeOf(type));
        }
    }

    @Test
    void everyOlderVersionUpgradesToTheCurrentShape() {
        for (Class<? extends DomainEvent> type : EventTypes.all()) {
            for (int version = 1; version < EventTypes.schemaVersionOf(type); version++) {
                int from = version;
                assertThatCode(() -> SchemaUpgrades.upgrade(type, from, JsonNodeFactory.instance.objectNode()))
                        .as("%s from version %d", type.getSimpleName(), from).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void anUpgradeNeverOverwritesWhatAPayloadOfANewerShapeLabelledOlderSays() {
        // Found by review: a release that did not know version 2 published it labelled 1, and the step to 2 wiped the
        // moved end date it carried.
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("change", "Longer").put("endsBy", "2027-05-31");

        ObjectNode upgraded = SchemaUpgrades.upgrade(org.hls.events.experiment.ExperimentAdapted.class, 1, payload);

        assertThat(upgraded.get("endsBy").asText()).isEqualTo("2027-05-31");
        assertThat(SchemaUpgrades.upgrade(org.hls.events.experiment.ExperimentAdapted.class, 1,
                JsonNodeFactory.instance.objectNode()).get("endsBy").isNull()).isTrue();
    }

    @Test
    void personalContentIsMarked() {
        assertThat(shapeOf(org.hls.events.learning.LearningRecorded.class))
                .contains("summary:String@personal").contains("detail:String@personal")
                .contains("themes:List<String>,");
        assertThat(shapeOf(Actor.class)).contains("name:String@personal").contains("personId:String,");
    }

    @Test
    void everyEventIsDocumentedAsItIsNow() throws IOException {
        List<String> documented = Files.readAllLines(Path.of("..", "docs", "events.md"));
        for (Class<? extends DomainEvent> type : EventTypes.all()) {
            String row = documentedRowOf(type);
            assertThat(documented).as("docs/events.md must describe %s as it is now:%n%s", type.getSimpleName(), row)
                    .anyMatch(line -> line.startsWith(row));
        }
    }

    /** The start of an event's row in docs/events.md: name, version and fields; the meaning follows by hand. */
    static String documentedRowOf(Class<?> type) {
        String fields = Arrays.stream(type.getRecordComponents())
                .map(component -> "`" + component.getName() + "` " + typeName(component.getGenericType())
                        .replace("<", "&lt;").replace(">", "&gt;").replace(",", ", ")
                        + (component.isAnnotationPresent(PersonalData.class) ? " *personal*" : ""))
                .collect(Collectors.joining("<br>"));
        return "| `" + type.getSimpleName() + "` | " + EventTypes.schemaVersionOf(type) + " | " + fields + " |";
    }

    static String shapeOf(Class<?> type) {
        String fields = Arrays.stream(type.getRecordComponents())
                .map(EventSchemaTest::describe)
                .collect(Collectors.joining(", "));
        SchemaVersion version = type.getAnnotation(SchemaVersion.class);
        return type.getSimpleName() + (version == null ? "" : " v" + version.value()) + ": " + fields;
    }

    private static String describe(RecordComponent component) {
        String personal = component.isAnnotationPresent(PersonalData.class) ? "@personal" : "";
        return component.getName() + ":" + typeName(component.getGenericType()) + personal
                + (component.getType().isRecord() ? "{" + shapeOf(component.getType()) + "}" : "");
    }

    private static String typeName(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return typeName(parameterized.getRawType()) + Arrays.stream(parameterized.getActualTypeArguments())
                    .map(EventSchemaTest::typeName).collect(Collectors.joining(",", "<", ">"));
        }
        Class<?> raw = (Class<?>) type;
        if (raw.isEnum()) {
            return raw.getSimpleName() + Arrays.toString(raw.getEnumConstants()).replace(" ", "");
        }
        return raw.getSimpleName();
    }
}
