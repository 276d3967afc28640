package org.ancconnect.identity;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs CPU-heavy work (RSA key generation and signing) on a worker thread and hands the result back on the caller's
 * Vert.x context, so a reactive Hibernate session that follows stays on the thread it belongs to.
 */
public final class OffEventLoop {

    private OffEventLoop() {
    }

    public static <T> Uni<T> compute(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> computed = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? computed : computed.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
