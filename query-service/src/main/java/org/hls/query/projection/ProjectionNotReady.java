package org.hls.query.projection;

import org.hls.query.web.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A read model this instance does not serve yet: it is live only in another release's shape (a rolling upgrade),
 * until a generation in this release's shape is. Answered 503, rather than documents read in a shape they are not in.
 */
public class ProjectionNotReady extends Refusal {

    ProjectionNotReady() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "problem.projection-not-ready");
        getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
    }
}
