package org.hls.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class WholeAnswersTest {

    private final WholeAnswers filter = new WholeAnswers();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/learning");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void anAnswerWrittenAndFlushedGoesOutWholeWithItsLength() throws Exception {
        filter.doFilter(request, response, (in, out) -> {
            out.getOutputStream().write("{\"id\":\"a\"}".getBytes());
            out.flushBuffer();
            assertThat(response.isCommitted()).as("not sent while written").isFalse();
        });

        assertThat(response.getContentAsString()).isEqualTo("{\"id\":\"a\"}");
        assertThat(response.getContentLength()).isEqualTo(10);
    }

    @Test
    void whatWasWrittenBeforeAFailureIsNotSentAsTheAnswer() throws Exception {
        // Found in review: the body written so far went out whole, as if answered, and the failure's own answer could
        // not be written after it.
        assertThatThrownBy(() -> filter.doFilter(request, response, (in, out) -> {
            out.getOutputStream().write("{\"id\":".getBytes());
            throw new IOException("the store went away");
        })).isInstanceOf(IOException.class);

        assertThat(response.isCommitted()).isFalse();
        assertThat(response.getContentAsString()).isEmpty();
    }
}
