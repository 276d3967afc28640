package org.ancconnect.identity.esignet;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The few pages identity-service shows itself: a refused sign-in and the enrolment-code form. */
@ApplicationScoped
public class FlowPages {

    private final Template failed;
    private final Template enrol;

    public FlowPages(@Location("failed.html") Template failed, @Location("enrol.html") Template enrol) {
        this.failed = failed;
        this.enrol = enrol;
    }

    /** A refusal page (HTTP 403): the reason code is machine-readable for support, the message says what to do. */
    public Response refused(String heading, String reason, String message, String returnUrl) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML).header("Cache-Control", "no-store")
                .entity(failed.data("heading", heading).data("reason", reason).data("message", message).data("returnUrl", returnUrl).render())
                .build();
    }

    /** "Not enrolled" with the enrolment-code form (HTTP 200: a normal outcome for a new staff member). */
    public Response notEnrolled(String message) {
        return Response.ok(enrol.data("message", message).render(), MediaType.TEXT_HTML).header("Cache-Control", "no-store").build();
    }
}
