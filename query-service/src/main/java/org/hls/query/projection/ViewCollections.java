package org.hls.query.projection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * Where each stored projection keeps its documents: its collections of one generation. Generation 0 uses the plain
 * names; a rebuild writes generation n into {@code <name>_g<n>} beside the live one, and the switch to it is one
 * change of the generation these collections resolve to, for every reader at once.
 */
public final class ViewCollections {

    private final MongoDatabase database;
    private final ToLongFunction<String> generationOf;
    private final Map<String, Set<String>> names;
    private final Map<String, MongoCollection<Document>> resolved = new ConcurrentHashMap<>();

    private ViewCollections(MongoDatabase database, ToLongFunction<String> generationOf,
                            Map<String, Set<String>> names) {
        this.database = database;
        this.generationOf = generationOf;
        this.names = names;
    }

    /** Every projection's collections in generation 0: for a projection that is never rebuilt (tests). */
    public static ViewCollections of(MongoDatabase database) {
        return new ViewCollections(database, projection -> 0, new ConcurrentHashMap<>());
    }

    /** The collections of the generation each projection is live in, as {@code generationOf} says when asked. */
    static ViewCollections live(MongoDatabase database, ToLongFunction<String> generationOf) {
        return new ViewCollections(database, generationOf, new ConcurrentHashMap<>());
    }

    /** These collections with {@code projection}'s pinned to {@code generation}: where a rebuild writes. */
    ViewCollections pinned(String projection, long generation) {
        return new ViewCollections(database, owner -> owner.equals(projection) ? generation
                : generationOf.applyAsLong(owner), names);
    }

    /**
     * The collection {@code name} of {@code projection}, in the generation it is live in at each call: a projection
     * keeps it in a field and never sees a switch.
     */
    @SuppressWarnings("unchecked")
    public MongoCollection<Document> collection(String projection, String name) {
        names.computeIfAbsent(projection, owner -> ConcurrentHashMap.newKeySet()).add(name);
        InvocationHandler current = (proxy, method, arguments) -> {
            MongoCollection<Document> target = resolved.computeIfAbsent(
                    nameIn(name, generationOf.applyAsLong(projection)), database::getCollection);
            try {
                return method.invoke(target, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (MongoCollection<Document>) Proxy.newProxyInstance(MongoCollection.class.getClassLoader(),
                new Class<?>[] {MongoCollection.class}, current);
    }

    /** The names of the collections {@code projection} keeps. */
    Set<String> namesOf(String projection) {
        return Set.copyOf(names.getOrDefault(projection, Set.of()));
    }

    MongoDatabase database() {
        return database;
    }

    static String nameIn(String name, long generation) {
        return generation == 0 ? name : name + "_g" + generation;
    }
}
