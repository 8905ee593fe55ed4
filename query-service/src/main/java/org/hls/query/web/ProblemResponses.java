package org.hls.query.web;

import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * Documents the problems (RFC 9457, {@code application/problem+json}) each operation may answer with, beside what
 * springdoc found: the {@code Problem} schema once, then a response per status.
 */
final class ProblemResponses {

    /** The problems an operation may answer with, status to description. */
    @FunctionalInterface
    interface ProblemsOf {
        Map<String, String> problems(String path, PathItem.HttpMethod method, Operation operation);
    }

    private ProblemResponses() {
    }

    static void document(OpenAPI api, ProblemsOf problemsOf) {
        api.getComponents().addSchemas("Problem", problem());
        Content content = new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                problemsOf.problems(path, method, operation).forEach((status, description) ->
                        operation.getResponses().putIfAbsent(status,
                                new ApiResponse().description(description).content(content)))));
    }

    private static Schema<?> problem() {
        Schema<?> error = new ObjectSchema().addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema());
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("What is wrong, in words"))
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(error)
                        .description("For invalid input: each field and what is wrong with it"));
    }
}
