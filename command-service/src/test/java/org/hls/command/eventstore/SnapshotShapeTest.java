package org.hls.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * A snapshot is its aggregate's fields as stored, and a release reads one only of the {@code @Revision} it declares.
 * A field added or changed without raising it would have one release read another's snapshot into the wrong shape
 * during a rolling upgrade. Every aggregate's fields are released here with its revision: a changed shape fails this
 * test until it is a new line, under a new {@code @Revision}.
 */
class SnapshotShapeTest {

    @Test
    void everyAggregatesSnapshotShapeIsReleasedUnderItsRevision() throws Exception {
        String released;
        try (InputStream in = getClass().getResourceAsStream("/released-snapshot-shapes.txt")) {
            released = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Class<?>> aggregates = aggregates();

        assertThat(released.lines().filter(line -> !line.startsWith("#")).map(line -> line.split(":")[0]))
                .as("one shape per aggregate and revision: another shape needs another revision")
                .doesNotHaveDuplicates();
        assertThat(aggregates).hasSizeGreaterThanOrEqualTo(7);
        for (Class<?> aggregate : aggregates) {
            assertThat(released.lines())
                    .as("%s must be released as it is now; a changed shape needs a higher @Revision and a new line",
                            aggregate.getSimpleName())
                    .contains(shapeOf(aggregate));
        }
    }

    private static List<Class<?>> aggregates() throws ClassNotFoundException, IOException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Aggregate.class));
        List<Class<?>> found = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("org.hls.command")) {
            found.add(Class.forName(candidate.getBeanClassName()));
        }
        return found;
    }

    static String shapeOf(Class<?> aggregate) {
        Revision revision = aggregate.getAnnotation(Revision.class);
        String fields = Arrays.stream(aggregate.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers())
                        && !Modifier.isTransient(field.getModifiers()))
                .map(SnapshotShapeTest::describe)
                .collect(Collectors.joining(", "));
        return aggregate.getSimpleName() + " r" + (revision == null ? "none" : revision.value()) + ": " + fields;
    }

    private static String describe(Field field) {
        return field.getName() + ":" + field.getGenericType().getTypeName().replaceAll("[a-z][a-z0-9_]*\\.", "");
    }
}
