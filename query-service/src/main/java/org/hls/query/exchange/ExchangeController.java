package org.hls.query.exchange;

import java.util.List;

import org.hls.query.security.Reader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/exchange")
class ExchangeController {

    private final ExchangeMatchesProjection projection;

    ExchangeController(ExchangeMatchesProjection projection) {
        this.projection = projection;
    }

    /** Offers and wishes that meet on a theme, among the posts the caller may see. */
    @GetMapping("/matches")
    List<ExchangeMatch> matches(Reader reader) {
        return projection.matches(reader);
    }
}
