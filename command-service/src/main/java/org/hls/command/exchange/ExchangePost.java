package org.hls.command.exchange;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.hls.command.CommandRefused;
import org.hls.command.CommandRefused.Refusal;
import org.hls.command.Themes;
import org.hls.events.exchange.ExchangePostRetracted;
import org.hls.events.exchange.ExchangePosted;

/**
 * One answer to the learning exchange's questions: what someone would like to learn, or what they are good at.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@Revision("2")
public class ExchangePost {

    @AggregateIdentifier
    private String postId;
    private String author;
    private boolean retracted;

    protected ExchangePost() {
    }

    @CommandHandler
    public ExchangePost(PostToExchange command) {
        command.caller().requireAudience(command.visibility());
        var themes = Themes.normalise(command.themes());
        if (themes.isEmpty()) {
            throw CommandRefused.invalid("themes", "refused.exchange.no-theme");
        }
        apply(new ExchangePosted(command.postId(), command.side(), command.text(), themes, command.visibility(),
                command.caller().actor(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(RetractExchangePost command) {
        if (!command.caller().is(author)) {
            throw new CommandRefused(Refusal.FORBIDDEN, "refused.exchange.retract-who");
        }
        if (retracted) {
            throw new CommandRefused(Refusal.CONFLICT, "refused.exchange.retracted");
        }
        apply(new ExchangePostRetracted(postId, command.caller().actor(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(ExchangePosted event) {
        postId = event.postId();
        author = event.actor().personId();
    }

    @EventSourcingHandler
    void on(ExchangePostRetracted event) {
        retracted = true;
    }
}
