package org.ancconnect.portal.i18n;

import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives every template instance the request's locale, so {@code msg:} and {@code rec:} messages and the
 * formatting extensions speak the user's language without each page passing it.
 */
@ApplicationScoped
public class LocaleInitializer implements TemplateInstance.Initializer {

    private final CurrentVertxRequest request;

    public LocaleInitializer(CurrentVertxRequest request) {
        this.request = request;
    }

    /** Quarkus builds the Qute engine once; initializers must be added while it is being built. */
    void register(@Observes EngineBuilder builder) {
        builder.addTemplateInstanceInitializer(this);
    }

    @Override
    public void accept(TemplateInstance instance) {
        if (request.getCurrent() != null) {
            instance.setLocale(Languages.of(request.getCurrent().request()));
        }
    }
}
