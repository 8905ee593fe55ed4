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
 * The {@link FilterParameters} of a read whose path names its organisation (and team): those it takes besides.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameters({
        @Parameter(name = "place", in = ParameterIn.QUERY, description = FilterParameters.PLACE,
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
public @interface ScopedFilterParameters {
}
