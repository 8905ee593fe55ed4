package org.hls.query.exchange;

import java.util.List;

import org.hls.query.security.Reader;
import org.hls.query.web.Filters;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/exchange")
class ExchangeController {

    private static final int MAX_THEMES = 20;

    private final ExchangeMatchesProjection projection;

    ExchangeController(ExchangeMatchesProjection projection) {
        this.projection = projection;
    }

    /** Offers and wishes that meet on the given themes (one to 20), among the posts the caller may see. */
    @GetMapping("/matches")
    List<ExchangeMatch> matches(@RequestParam("theme") List<String> themes, Reader reader) {
        List<String> wanted = themes.stream().map(Filters::theme)
                .filter(theme -> !theme.isEmpty()).distinct().toList();
        if (wanted.isEmpty() || wanted.size() > MAX_THEMES) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Ask for 1 to " + MAX_THEMES + " themes, as theme=...&theme=...");
        }
        return projection.matches(reader, wanted);
    }

    /** The themes of the posts the caller may see, but none that only people who withdrew their consent used. */
    @GetMapping("/themes")
    List<String> themes(Reader reader) {
        return projection.themes(reader);
    }
}
