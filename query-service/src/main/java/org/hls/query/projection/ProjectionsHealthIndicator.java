package org.hls.query.projection;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Out of service while a stored projection is live only in another release's shape (a rolling upgrade that changed
 * it): this instance serves none of it until a generation in its own shape is live, which it builds if nobody does.
 */
@Component("projectionsHealthIndicator")
class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    private final ProjectionGenerations generations;

    ProjectionsHealthIndicator(ProjectionGenerations generations) {
        this.generations = generations;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var waiting = generations.waiting().stream().sorted().toList();
        (waiting.isEmpty() ? builder.up() : builder.outOfService()).withDetail("waitingForTheirShape", waiting);
    }
}
