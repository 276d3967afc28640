package org.ancconnect.portal.phm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.ancconnect.portal.PortalConfig;
import org.ancconnect.portal.clients.IdentityModels;
import org.ancconnect.portal.clients.VerificationClient;
import org.ancconnect.portal.session.PortalUser;
import org.ancconnect.portal.session.RequireRole;
import org.ancconnect.portal.session.Sealer;
import org.ancconnect.portal.web.FieldErrors;

/**
 * A new registration, first half: the mother verifies herself with eSignet on the midwife's device (identity-service's
 * patient verification, purpose "registration"), and the form comes back pre-filled from the verified claims; or the
 * midwife registers without eSignet (lower assurance). The second half is {@link RegistrationDecisionResource}.
 */
@Path("/phm/register")
@RequireRole("PHM")
public class RegistrationResource {

    /** The purpose the mother sees in her consent and identity-service records. */
    static final String PURPOSE = "registration";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance start(boolean cancelled);

        static native TemplateInstance handover(String verificationUrl);
    }

    private final PortalUser user;
    private final VerificationClient verifications;
    private final Sealer sealer;
    private final RegistrationPages pages;
    private final PortalConfig config;

    public RegistrationResource(PortalUser user, VerificationClient verifications, Sealer sealer, RegistrationPages pages,
            PortalConfig config) {
        this.user = user;
        this.verifications = verifications;
        this.sealer = sealer;
        this.pages = pages;
        this.config = config;
    }

    @GET
    public TemplateInstance start(@QueryParam("cancelled") String cancelled) {
        return Templates.start(cancelled != null);
    }

    /** Starts the patient verification and shows the hand-over page (a link, so no form posts across origins). */
    @POST
    @Path("/verify")
    public Response verify() {
        IdentityModels.VerificationCreated created = verifications.start(user, PURPOSE,
                config.publicUrl() + "/phm/register/verified");
        return Response.seeOther(URI.create("/phm/register/handover?go="
                + java.net.URLEncoder.encode(created.verificationUrl(), java.nio.charset.StandardCharsets.UTF_8))).build();
    }

    @GET
    @Path("/handover")
    public TemplateInstance handover(@QueryParam("go") String go) {
        if (go == null || !go.startsWith(config.identityUrl() + "/") || go.length() > 1000) {
            throw new BadRequestException();
        }
        return Templates.handover(go);
    }

    /** identity-service's way back: collect the verified record (once) and show the pre-filled form. */
    @GET
    @Path("/verified")
    public Response verified(@QueryParam("verification") String verification, @QueryParam("error") String error) {
        if (error != null) {
            return Response.seeOther(URI.create("/phm/register?cancelled=1")).build();
        }
        UUID id;
        try {
            id = UUID.fromString(verification == null ? "" : verification);
        } catch (IllegalArgumentException bad) {
            throw new BadRequestException();
        }
        VerifiedRecord record = VerifiedRecord.of(verifications.collect(user, id), user.subject());
        RegistrationForm form = newForm();
        form.verified = sealer.seal(VerifiedRecord.PURPOSE, record);
        RegistrationCheck.applyVerified(form, record);
        return Response.ok(pages.form(form, record, new FieldErrors())).build();
    }

    /** A registration without eSignet: everything by hand, lower assurance. */
    @GET
    @Path("/manual")
    public TemplateInstance manual() {
        return pages.form(newForm(), null, new FieldErrors());
    }

    private static RegistrationForm newForm() {
        RegistrationForm form = new RegistrationForm();
        form.sourceId = UUID.randomUUID().toString();
        form.sex = "female";
        return form;
    }
}
