package org.hls.infra.embedded;

import java.util.Set;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, honouring the write concern as a real MongoDB does: a write that asks to be
 * journaled ({@code j: true}) or on a majority ({@code w: "majority"}, journaled by MongoDB's default) is answered
 * only once the file holds it, through a {@link GroupCommit}. Other writes reach the file within the store's
 * auto-commit delay.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify", "findandmodify");

    private final GroupCommit groupCommit;

    DurableH2Backend(MVStore store) {
        super(store);
        this.groupCommit = new GroupCommit(store);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document answer = super.handleMessage(message);
        if (asksForDurability(message.getDocument())) {
            groupCommit.awaitDurable();
        }
        return answer;
    }

    private static boolean asksForDurability(Document command) {
        if (command.isEmpty() || !WRITES.contains(command.keySet().iterator().next())
                || !(command.get("writeConcern") instanceof Document concern)) {
            return false;
        }
        return Boolean.TRUE.equals(concern.get("j")) || "majority".equals(concern.get("w"));
    }
}
