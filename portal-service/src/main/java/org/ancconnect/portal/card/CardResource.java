package org.ancconnect.portal.card;

import org.ancconnect.portal.nehr.Systems;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.ancconnect.portal.clients.BackendException;
import org.ancconnect.portal.clients.PhnClient;
import org.ancconnect.portal.clients.PhnModels;
import org.ancconnect.portal.i18n.Languages;
import org.ancconnect.portal.i18n.Msg;
import org.ancconnect.portal.session.PortalUser;
import org.ancconnect.portal.session.RequireRole;

/**
 * The health card: a page, a PNG of the PHN's QR code and a printable PDF. Staff may open any mother's card (phn-service
 * decides what their role may read); a mother only her own, whatever PHN she puts in the URL.
 */
@Path("/card")
@RequireRole({"PHM", "DOCTOR", "ADMIN", "PATIENT"})
public class CardResource {

    /** A PHN in a URL: letters, digits and hyphens, no dot (the dot starts the .png/.pdf suffix). */
    private static final String PHN = "[A-Za-z0-9-]{1,32}";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance card(PhnModels.Person person);
    }

    private final PortalUser user;
    private final PhnClient phn;
    private final CardPdf pdf;

    public CardResource(PortalUser user, PhnClient phn, CardPdf pdf) {
        this.user = user;
        this.phn = phn;
        this.pdf = pdf;
    }

    @GET
    @Path("/{phn: " + PHN + "}")
    public TemplateInstance page(@PathParam("phn") String requested) {
        return Templates.card(person(requested));
    }

    @GET
    @Path("/{phn: " + PHN + "}.png")
    @Produces("image/png")
    public Response png(@PathParam("phn") String requested) {
        return Response.ok(QrCodes.png(person(requested).phn())).build();
    }

    @GET
    @Path("/{phn: " + PHN + "}.pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("phn") String requested, @Context HttpServerRequest request) {
        PhnModels.Person p = person(requested);
        Locale locale = Languages.of(request);
        Msg msg = MessageBundles.get(Msg.class, Localized.Literal.of(locale.toLanguageTag()));
        String birth = p.birthDate() == null ? null
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(p.birthDate());
        byte[] body = pdf.render(p.phn(), (p.givenNames() + " " + p.familyName()).trim(), birth,
                new CardPdf.Labels(msg.card_title(), msg.field_phn(), msg.field_birth_date(), msg.card_name_font_missing()));
        return Response.ok(body).header("Content-Disposition", "inline; filename=\"health-card.pdf\"").build();
    }

    /** The mother whose card this is, after the access check. */
    private PhnModels.Person person(String requested) {
        if (user.isPatient() && (user.phn() == null || !Systems.phnValue(user.phn()).equals(Systems.phnValue(requested)))) {
            throw new ForbiddenException();
        }
        try {
            return phn.person(user, requested);
        } catch (BackendException e) {
            if (e.status() == 400 || e.status() == 404) {
                throw new NotFoundException();
            }
            throw e;
        }
    }

}
