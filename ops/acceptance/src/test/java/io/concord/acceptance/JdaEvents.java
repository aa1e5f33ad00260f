package io.concord.acceptance;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.hooks.EventListener;

/** Waits for JDA events: a future that a listener completes with the first matching event. */
final class JdaEvents {
    private JdaEvents() {}

    /** Registers now (before the action that causes the event) and completes with the first {@code type} event that matches. */
    static <T extends GenericEvent> CompletableFuture<T> next(JDA jda, Class<T> type, Predicate<? super T> matches) {
        CompletableFuture<T> future = new CompletableFuture<>();
        EventListener listener = event -> {
            if (type.isInstance(event) && matches.test(type.cast(event))) future.complete(type.cast(event));
        };
        jda.addEventListener(listener);
        future.whenComplete((e, t) -> jda.removeEventListener(listener));
        return future;
    }

    /** The first {@code type} event of all, whatever it is about (to prove an ordering). */
    static <T extends GenericEvent> CompletableFuture<T> first(JDA jda, Class<T> type) {
        return next(jda, type, e -> true);
    }

    /** The event, waited for up to {@link OwnerRest#EVENT_TIMEOUT}: a wait, not a timing assertion. */
    static <T> T await(CompletableFuture<T> future, String what) throws InterruptedException, ExecutionException {
        try {
            return future.get(OwnerRest.EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new AssertionError("JDA got no " + what + " within " + OwnerRest.EVENT_TIMEOUT, e);
        }
    }
}
