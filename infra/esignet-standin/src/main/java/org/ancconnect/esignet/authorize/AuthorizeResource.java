package org.ancconnect.esignet.authorize;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ancconnect.esignet.ExpiringStore;
import org.ancconnect.esignet.StandinConfig;
import org.ancconnect.esignet.token.Grants;

/**
 * The pages the browser sees: {@code {issuer}/authorize} with the national-ID page, then OTP, then consent.
 * Success and the user's cancel go back to the relying party; validation errors stay on these pages.
 */
@Path("/authorize")
@Produces(MediaType.TEXT_HTML)
public class AuthorizeResource {

    private final AuthorizationRequestValidator validator;
    private final Authentication authentication;
    private final ParStore parStore;
    private final Grants grants;
    private final StandinConfig config;
    private final ExpiringStore<Transaction> transactions = new ExpiringStore<>();
    private final Template identify;
    private final Template otp;
    private final Template consent;
    private final Template error;

    public AuthorizeResource(AuthorizationRequestValidator validator, Authentication authentication, ParStore parStore,
            Grants grants, StandinConfig config, @Location("identify.html") Template identify, @Location("otp.html") Template otp,
            @Location("consent.html") Template consent, @Location("error.html") Template error) {
        this.validator = validator;
        this.authentication = authentication;
        this.parStore = parStore;
        this.grants = grants;
        this.config = config;
        this.identify = identify;
        this.otp = otp;
        this.consent = consent;
        this.error = error;
    }

    @GET
    public Response start(@Context UriInfo uri) {
        Map<String, String> query = new HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> query.put(name, values.getFirst()));
        try {
            Map<String, String> params = query;
            if (params.containsKey("request_uri")) {
                params = parStore.take(params.get("request_uri"), params.get("client_id"))
                        .orElseThrow(() -> new AuthorizeException("invalid_request_uri", "Unknown, used or expired request_uri"));
            }
            AuthorizationRequest request = validator.validate(params);
            Transaction transaction = new Transaction(Grants.randomToken(), request);
            transactions.put(transaction.id, transaction, config.transactionLifetime());
            return page(identify.data("tx", transaction.id).data("client", request.client().clientName()).data("message", null));
        } catch (AuthorizeException e) {
            return errorPage(e);
        }
    }

    @POST
    @Path("identify")
    public Response identify(@FormParam("transaction") String transactionId, @FormParam("individualId") String individualId,
            @FormParam("action") String action) {
        Transaction transaction = transactions.get(transactionId).orElse(null);
        if (transaction == null) {
            return errorPage(new AuthorizeException("invalid_transaction", "This sign-in has expired. Start again from the application."));
        }
        if ("cancel".equals(action)) {
            return cancel(transaction);
        }
        if (!authentication.sendOtp(transaction, individualId)) {
            return page(identify.data("tx", transaction.id).data("client", transaction.request.client().clientName())
                    .data("message", "No identity with this UIN/VID was found."));
        }
        return page(otp.data("tx", transaction.id).data("message", null));
    }

    @POST
    @Path("otp")
    public Response verifyOtp(@FormParam("transaction") String transactionId, @FormParam("otp") String code,
            @FormParam("action") String action) {
        Transaction transaction = transactions.get(transactionId).orElse(null);
        if (transaction == null || transaction.individualId == null) {
            return errorPage(new AuthorizeException("invalid_transaction", "This sign-in has expired. Start again from the application."));
        }
        if ("cancel".equals(action)) {
            return cancel(transaction);
        }
        if (!authentication.verifyOtp(transaction, code)) {
            if (transaction.otpAttempts >= Transaction.MAX_OTP_ATTEMPTS) {
                transactions.take(transaction.id);
                return errorPage(new AuthorizeException("auth_failed", "Too many wrong OTPs. Start again from the application."));
            }
            return page(otp.data("tx", transaction.id).data("message", "The OTP is not correct."));
        }
        AuthorizationRequest request = transaction.request;
        if (!request.promptConsent() && authentication.hasConsent(transaction)) {
            return complete(transaction, request.voluntaryClaims());
        }
        return page(consent.data("tx", transaction.id).data("client", request.client().clientName())
                .data("essential", List.copyOf(request.essentialClaims())).data("voluntary", List.copyOf(request.voluntaryClaims())));
    }

    @POST
    @Path("consent")
    public Response consent(@FormParam("transaction") String transactionId, @FormParam("action") String action,
            @FormParam("claim") List<String> acceptedVoluntary) {
        Transaction transaction = transactions.get(transactionId).orElse(null);
        if (transaction == null || !transaction.authenticated) {
            return errorPage(new AuthorizeException("invalid_transaction", "This sign-in has expired. Start again from the application."));
        }
        if (!"allow".equals(action)) {
            return cancel(transaction);
        }
        Set<String> accepted = new LinkedHashSet<>(acceptedVoluntary == null ? List.of() : acceptedVoluntary);
        accepted.retainAll(transaction.request.voluntaryClaims());
        return complete(transaction, accepted);
    }

    private Response complete(Transaction transaction, Set<String> acceptedVoluntary) {
        transactions.take(transaction.id);
        Set<String> claims = new LinkedHashSet<>(transaction.request.essentialClaims());
        claims.addAll(acceptedVoluntary);
        authentication.rememberConsent(transaction, claims);
        String code = grants.issueCode(authentication.grant(transaction, claims));
        return redirect(transaction.request, "code=" + enc(code) + stateParam(transaction.request) + "&iss=" + enc(config.issuer()));
    }

    private Response cancel(Transaction transaction) {
        transactions.take(transaction.id);
        return redirect(transaction.request, "error=access_denied&error_description=" + enc("User cancelled") + stateParam(transaction.request));
    }

    private static String stateParam(AuthorizationRequest request) {
        return request.state() == null ? "" : "&state=" + enc(request.state());
    }

    private static Response redirect(AuthorizationRequest request, String query) {
        String base = request.redirectUri();
        return Response.seeOther(URI.create(base + (base.contains("?") ? "&" : "?") + query)).build();
    }

    private Response errorPage(AuthorizeException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_HTML)
                .entity(error.data("code", e.errorCode()).data("message", e.getMessage()).render()).build();
    }

    private static Response page(TemplateInstance page) {
        return Response.ok(page.render(), MediaType.TEXT_HTML).header("Cache-Control", "no-store").build();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
