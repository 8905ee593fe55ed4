package org.hls.query.history;

import org.hls.query.web.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The history has not caught up with the topic since this instance started: answered 503, rather than numbers that
 * show less than happened.
 */
public class HistoryNotReady extends Refusal {

    HistoryNotReady(long events) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "problem.history-not-ready", events);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
    }
}
