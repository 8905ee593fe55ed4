package org.hls.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.hls.events.DomainEvent;
import org.hls.events.EventTypes;
import org.hls.events.SchemaUpgrades;

/**
 * Reads every stored event of an older schema version in its current shape, with the same steps the Kafka readers
 * use ({@link SchemaUpgrades}); stored events themselves never change.
 */
public class SchemaUpgradeUpcaster extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        Class<? extends DomainEvent> type = typeOf(event);
        String revision = event.getType().getRevision();
        return type != null && revision != null && Integer.parseInt(revision) < EventTypes.schemaVersionOf(type);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        Class<? extends DomainEvent> type = typeOf(event);
        int stored = Integer.parseInt(event.getType().getRevision());
        return event.upcastPayload(
                new SimpleSerializedType(event.getType().getName(), Integer.toString(EventTypes.schemaVersionOf(type))),
                JsonNode.class, payload -> SchemaUpgrades.upgrade(type, stored, (ObjectNode) payload));
    }

    private static Class<? extends DomainEvent> typeOf(IntermediateEventRepresentation event) {
        return EventTypes.byName(EventTypes.nameOfStored(event.getType().getName()));
    }
}
