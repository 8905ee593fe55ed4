package org.hls.query.web;

/**
 * A query parameter that cannot be used as given: answered 400, naming it.
 */
public class InvalidParameter extends RuntimeException {

    private final String parameter;

    public InvalidParameter(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
