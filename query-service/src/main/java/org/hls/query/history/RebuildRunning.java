package org.hls.query.history;

import org.hls.query.web.Refusal;
import org.springframework.http.HttpStatus;

/**
 * A rebuild was asked for while one of the same projection is running: answered 409.
 */
public class RebuildRunning extends Refusal {

    public RebuildRunning(String projection) {
        super(HttpStatus.CONFLICT, "problem.rebuild-running", projection);
    }
}
