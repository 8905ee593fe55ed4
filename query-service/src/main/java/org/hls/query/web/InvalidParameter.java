package org.hls.query.web;

import org.hls.web.WordedRefusal;

/**
 * A query parameter that cannot be used as given: answered 400, naming it, in the words of a message code.
 */
public class InvalidParameter extends WordedRefusal {

    private final String parameter;

    public InvalidParameter(String parameter, String code, Object... arguments) {
        super(code, arguments);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
