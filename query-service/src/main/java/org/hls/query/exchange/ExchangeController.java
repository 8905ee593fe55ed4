package org.hls.query.exchange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hls.query.security.Reader;
import org.hls.query.web.Filters;
import org.hls.query.web.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/exchange")
class ExchangeController {

    private static final int MAX_THEMES = 20;

    private final ExchangeMatchesProjection projection;

    ExchangeController(ExchangeMatchesProjection projection) {
        this.projection = projection;
    }

    /**
     * Offers and wishes that meet on the given themes (one to 20), among the posts the caller may see: {@code size}
     * posts a side, newest first, with a {@code Link} to the next page when a side has more.
     */
    @Operation(summary = "Offers and asks on the learning exchange matching themes")
    @GetMapping("/matches")
    ResponseEntity<List<ExchangeMatch>> matches(@RequestParam("theme") List<String> themes,
                                                @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                                                @RequestParam(defaultValue = "50") @Min(1) @Max(100) int size,
                                                @Parameter(hidden = true) @RequestParam Map<String, String> parameters,
                                                Reader reader) {
        // Found in review: the one read that took any parameter and a theme of any length or character.
        Filters.refuseOthers(parameters, List.of("theme", "page", "size"));
        List<String> wanted = themes.stream().map(Filters::themeAsked)
                .filter(theme -> !theme.isEmpty()).distinct().toList();
        if (wanted.isEmpty() || wanted.size() > MAX_THEMES) {
            throw new Refusal(HttpStatus.BAD_REQUEST, "refused.exchange.themes", MAX_THEMES);
        }
        ExchangeMatchesPage matches = projection.matches(reader, wanted, page, size);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (matches.hasNext()) {
            String asked = wanted.stream().map(theme -> "theme=" + URLEncoder.encode(theme, StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            answer.header(HttpHeaders.LINK, "</api/exchange/matches?" + asked + "&page=" + (page + 1) + "&size="
                    + size + ">; rel=\"next\"");
        }
        return answer.body(matches.matches());
    }

    /** The caller's own posts, not taken back, newest first: to take one back. */
    @Operation(summary = "My posts on the learning exchange")
    @GetMapping("/mine")
    List<MyExchangePost> mine(Reader reader) {
        return projection.postsOf(reader.personId());
    }

    /** The themes of the posts the caller may see, but none that only people who withdrew their consent used. */
    @Operation(summary = "The themes on the learning exchange")
    @GetMapping("/themes")
    List<String> themes(Reader reader) {
        return projection.themes(reader);
    }
}
