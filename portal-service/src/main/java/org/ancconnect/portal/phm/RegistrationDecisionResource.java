package org.ancconnect.portal.phm;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ancconnect.portal.clients.BackendException;
import org.ancconnect.portal.clients.PhnClient;
import org.ancconnect.portal.clients.PhnModels;
import org.ancconnect.portal.session.PortalUser;
import org.ancconnect.portal.session.RequireRole;
import org.ancconnect.portal.session.RestoredForm;
import org.ancconnect.portal.session.Sealer;
import org.ancconnect.portal.web.FieldErrors;

/**
 * A new registration, second half: check the details; with a PHN the mother presents, compare that PHN's record with
 * them field by field for a same/different decision; otherwise ask phn-service for likely duplicates and let the
 * midwife link to one or issue a new PHN (her decision is recorded as MANUAL). Nothing is written until she decides
 * or phn-service finds no candidate; bad input re-shows the form with each problem next to its field.
 */
@Path("/phm/register")
@RequireRole("PHM")
public class RegistrationDecisionResource {

    private final PortalUser user;
    private final PhnClient phn;
    private final Sealer sealer;
    private final RegistrationPages pages;
    private final RestoredForm restored;

    public RegistrationDecisionResource(PortalUser user, PhnClient phn, Sealer sealer, RegistrationPages pages,
            RestoredForm restored) {
        this.user = user;
        this.phn = phn;
        this.sealer = sealer;
        this.pages = pages;
        this.restored = restored;
    }

    /** After a sign-in that interrupted a submission: the form as it was typed. */
    @GET
    @Path("/check")
    public Response restore() {
        Optional<Map<String, List<String>>> fields = restored.take();
        if (fields.isEmpty()) {
            return Response.seeOther(URI.create("/phm/register")).build();
        }
        RegistrationForm form = RegistrationFormReader.from(fields.get());
        VerifiedRecord verified = verified(form);
        RegistrationCheck.applyVerified(form, verified);
        return Response.ok(pages.form(form, verified, new FieldErrors())).build();
    }

    @POST
    @Path("/check")
    public Response check(@BeanParam RegistrationForm form) {
        VerifiedRecord verified = verified(form);
        if (!RegistrationCheck.blank(form.verified) && verified == null) {
            return invalid(form, null, new FieldErrors().add("form", "expired"));
        }
        if ("correct".equals(form.action) && verified != null) {
            form.corrected = "true";
            return Response.ok(pages.form(form, verified, new FieldErrors())).build();
        }
        RegistrationCheck.applyVerified(form, verified);
        FieldErrors errors = RegistrationCheck.validate(form);
        if (!errors.isEmpty()) {
            return invalid(form, verified, errors);
        }
        if (!RegistrationCheck.blank(form.presentedPhn)) {
            try {
                return Response.ok(pages.compare(form, verified,
                        phn.compare(user, form.presentedPhn.trim(), RegistrationCheck.toClaims(form)))).build();
            } catch (BackendException e) {
                if (e.status() == 404) {
                    return invalid(form, verified, new FieldErrors().add("presentedPhn", "phn_unknown"));
                }
                if (e.status() == 400) {
                    return invalid(form, verified, new FieldErrors().add("presentedPhn", "phn"));
                }
                throw e;
            }
        }
        return resolveOrRegister(form, verified);
    }

    /** The midwife's decision on the comparison (same/different) or the candidates (link/new). */
    @POST
    @Path("/decide")
    public Response decide(@BeanParam RegistrationForm form) {
        VerifiedRecord verified = verified(form);
        if (!RegistrationCheck.blank(form.verified) && verified == null) {
            return invalid(form, null, new FieldErrors().add("form", "expired"));
        }
        RegistrationCheck.applyVerified(form, verified);
        FieldErrors errors = RegistrationCheck.validate(form);
        if (!errors.isEmpty()) {
            return invalid(form, verified, errors);
        }
        String action = form.action == null ? "" : form.action;
        return switch (action) {
            case "same" -> register(form, verified, new PhnModels.Decision("LINK", form.presentedPhn.trim()));
            case "different" -> {
                form.presentedPhn = null;
                yield resolveOrRegister(form, verified);
            }
            case "link" -> RegistrationCheck.blank(form.phn) ? invalid(form, verified, new FieldErrors().add("phn", "required"))
                    : register(form, verified, new PhnModels.Decision("LINK", form.phn.trim()));
            case "new" -> register(form, verified, new PhnModels.Decision("NEW", null));
            default -> invalid(form, verified, new FieldErrors().add("form", "choice"));
        };
    }

    private Response resolveOrRegister(RegistrationForm form, VerifiedRecord verified) {
        PhnModels.Result result;
        try {
            result = phn.resolve(user, RegistrationCheck.toRegistration(form, verified, user.facility(), null));
        } catch (BackendException e) {
            if (e.status() == 400) {
                return invalid(form, verified, FieldErrors.of(e));
            }
            throw e;
        }
        if (result.candidates() != null && !result.candidates().isEmpty()) {
            return Response.ok(pages.candidates(form, verified, result)).build();
        }
        return register(form, verified, null);
    }

    private Response register(RegistrationForm form, VerifiedRecord verified, PhnModels.Decision decision) {
        try {
            PhnModels.Result result = phn.register(user, RegistrationCheck.toRegistration(form, verified, user.facility(), decision));
            return Response.seeOther(URI.create("/phm/mothers/" + URLEncoder.encode(result.phn(), StandardCharsets.UTF_8)
                    + "?registered=" + result.outcome())).build();
        } catch (BackendException e) {
            if (e.status() == 400) {
                return invalid(form, verified, FieldErrors.of(e));
            }
            throw e;
        }
    }

    private Response invalid(RegistrationForm form, VerifiedRecord verified, FieldErrors errors) {
        return Response.status(400).entity(pages.form(form, verified, errors)).build();
    }

    /** The sealed verified record, only for the midwife who collected it. */
    private VerifiedRecord verified(RegistrationForm form) {
        return sealer.open(VerifiedRecord.PURPOSE, form.verified, VerifiedRecord.class)
                .filter(v -> v.collectedBy() != null && v.collectedBy().equals(user.subject())).orElse(null);
    }
}
