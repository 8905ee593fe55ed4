package org.hls.command.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's message counts and timers, per component and payload type, in Boot's registry.
 * <p>
 * Axon's own metrics module also adds a capacity monitor that keeps every single measurement for ten minutes, which
 * at thousands of events a second fills the heap; and its auto-configuration orders itself by Boot 3 class names, so
 * on Boot 4 it would report to a private registry that nothing exports. Hence this explicit, bounded set.
 */
@Configuration(proxyBeanMethods = false)
class AxonMetricsConfiguration {

    @Bean
    ConfigurerModule axonMessageMetrics(MeterRegistry registry) {
        return configurer -> configurer.configureMessageMonitor(configuration -> (componentType, componentName) ->
                new MultiMessageMonitor<>(
                        MessageCountingMonitor.buildMonitor(componentName, registry,
                                message -> Tags.of("payloadType", message.getPayloadType().getSimpleName())),
                        MessageTimerMonitor.buildMonitor(componentName, registry,
                                message -> Tags.of("payloadType", message.getPayloadType().getSimpleName()))));
    }
}
