package org.hls.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PortsTest {

    /** Found when a test's broker was given one port for both its listeners: the system had offered it twice. */
    @Test
    void noPortIsHandedOutTwice() {
        assertThat(IntStream.range(0, 500).map(i -> Ports.free()).boxed().toList()).doesNotHaveDuplicates();
    }
}
