package org.hls.query.web;

import org.springframework.context.MessageSourceResolvable;

/**
 * A query parameter that cannot be used as given: answered 400, naming it, in the words of a message code.
 */
public class InvalidParameter extends RuntimeException implements MessageSourceResolvable {

    private final String parameter;
    private final String code;
    private final Object[] arguments;

    public InvalidParameter(String parameter, String code, Object... arguments) {
        super(parameter + " " + code, null, false, false);
        this.parameter = parameter;
        this.code = code;
        this.arguments = arguments;
    }

    public String parameter() {
        return parameter;
    }

    @Override
    public String[] getCodes() {
        return new String[] {code};
    }

    @Override
    public Object[] getArguments() {
        return arguments;
    }
}
