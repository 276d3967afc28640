package org.ancconnect.portal.i18n;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.ancconnect.portal.PortalConfig;
import org.ancconnect.portal.web.LocalPaths;

/**
 * The language switch: plain links (works without JavaScript) that remember the choice for a year and return to
 * the page the user was on. Choosing a display language changes nothing else, so a link (GET) is safe here.
 */
@Path("/lang")
public class LanguageResource {

    private static final int ONE_YEAR = 365 * 24 * 3600;

    private final PortalConfig config;

    public LanguageResource(PortalConfig config) {
        this.config = config;
    }

    @GET
    @Path("/{code}")
    public Response choose(@PathParam("code") String code, @QueryParam("return") String returnTo) {
        URI back = URI.create(LocalPaths.safe(returnTo));
        if (!Languages.supported(code)) {
            return Response.seeOther(back).build();
        }
        NewCookie cookie = new NewCookie.Builder(Languages.COOKIE).value(code).path("/").maxAge(ONE_YEAR).httpOnly(true)
                .secure(config.session().secureCookies()).sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(back).cookie(cookie).build();
    }
}
