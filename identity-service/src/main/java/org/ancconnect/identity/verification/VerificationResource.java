package org.ancconnect.identity.verification;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.ancconnect.identity.IdentityConfig;
import org.ancconnect.identity.esignet.ReturnUrls;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Back channel of patient verification (staff token, PHM or DOCTOR): create a request, then fetch its record once.
 * The browser part lives in {@link VerifyFlowResource}.
 */
@Path("/api/v1/verifications")
@RolesAllowed({"PHM", "DOCTOR"})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    /** A new verification: why (shown in the audit and the record) and where the browser returns. */
    public record NewVerification(@NotBlank @Size(max = 200) String purpose, @NotBlank @Size(max = 1000) String returnUrl) {
    }

    /** The created request: send the patient's browser to {@code verificationUrl}. */
    public record Created(UUID id, String verificationUrl, OffsetDateTime expiresAt) {
    }

    private final VerificationService verifications;
    private final ReturnUrls returnUrls;
    private final JsonWebToken token;
    private final String publicUrl;

    public VerificationResource(VerificationService verifications, ReturnUrls returnUrls, JsonWebToken token, IdentityConfig config) {
        this.verifications = verifications;
        this.returnUrls = returnUrls;
        this.token = token;
        this.publicUrl = config.publicUrl();
    }

    @POST
    public Uni<Response> create(@Valid @NotNull NewVerification request) {
        String target = returnUrls.check(request.returnUrl());
        String facility = token.getClaim("facility") == null ? null : token.getClaim("facility").toString();
        return verifications.create(token.getSubject(), facility, request.purpose(), target)
                .map(created -> Response.status(Response.Status.CREATED)
                        .entity(new Created(created.id, publicUrl + "/verify/start?request=" + created.id, created.expiresAt)).build());
    }

    @GET
    @Path("{id}")
    public Uni<VerificationRecord> collect(@PathParam("id") UUID id) {
        return verifications.collect(id, token.getSubject()).map(collected -> {
            if (collected.refusal() != null) {
                throw collected.refusal();
            }
            return collected.record();
        });
    }
}
