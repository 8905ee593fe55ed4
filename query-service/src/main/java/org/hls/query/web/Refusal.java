package org.hls.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A read refused with a status, in the words of a message code (messages.properties): the problem handler answers
 * it in the caller's language.
 */
public class Refusal extends ErrorResponseException {

    public Refusal(HttpStatus status, String code, Object... arguments) {
        super(status, ProblemDetail.forStatus(status), null, code, arguments);
    }
}
