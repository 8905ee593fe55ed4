package org.hls.web;

import org.springframework.context.MessageSourceResolvable;

/**
 * A refusal in the words of a message code and its arguments, which the answer gives in the caller's language. Cheap
 * to throw: a refusal is an answer, not a fault, so it keeps no stack trace.
 */
public abstract class WordedRefusal extends RuntimeException implements MessageSourceResolvable {

    private final String code;
    private final Object[] arguments;

    protected WordedRefusal(String code, Object... arguments) {
        super(code, null, false, false);
        this.code = code;
        this.arguments = arguments;
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
