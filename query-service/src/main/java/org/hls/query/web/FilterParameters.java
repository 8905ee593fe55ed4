package org.hls.query.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Describes the {@link Filters} a read takes, which it reads from all its query parameters at once (to refuse any
 * other by name): the API description names each. A read scoped by its path to an organisation or a team takes
 * {@link ScopedFilterParameters}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameters({
        @Parameter(name = "place", in = ParameterIn.QUERY, description = FilterParameters.PLACE,
                schema = @Schema(type = "string", maxLength = Filters.MAX_LENGTH)),
        @Parameter(name = "organisation", in = ParameterIn.QUERY,
                description = "only what was recorded in this organisation",
                schema = @Schema(type = "string", maxLength = Filters.MAX_LENGTH)),
        @Parameter(name = "team", in = ParameterIn.QUERY, description = "only what was recorded in this team",
                schema = @Schema(type = "string", maxLength = Filters.MAX_LENGTH)),
        @Parameter(name = "theme", in = ParameterIn.QUERY, description = FilterParameters.THEME,
                schema = @Schema(type = "string", maxLength = Filters.MAX_LENGTH)),
        @Parameter(name = "from", in = ParameterIn.QUERY, description = FilterParameters.FROM,
                schema = @Schema(type = "string")),
        @Parameter(name = "to", in = ParameterIn.QUERY, description = FilterParameters.TO,
                schema = @Schema(type = "string")),
        @Parameter(name = "asOf", in = ParameterIn.QUERY, description = FilterParameters.AS_OF,
                schema = @Schema(type = "string", format = "date-time"))
})
public @interface FilterParameters {

    String PLACE = "only what was recorded in this place";
    String THEME = "only what carries this theme";
    String FROM = "from this day (2026-01-31, the whole day) or instant (2026-01-31T09:00:00Z)";
    String TO = "to this day (the whole day) or instant, not before from";
    String AS_OF = "as it was known at this past instant (2026-01-31T09:00:00Z)";
}
