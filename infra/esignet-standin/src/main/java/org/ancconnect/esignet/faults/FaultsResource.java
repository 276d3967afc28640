package org.ancconnect.esignet.faults;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.ancconnect.esignet.StandinConfig;

/**
 * Test-only control: arms a fault so relying-party tests can prove they reject a misbehaving provider. Served only
 * with {@code esignet.faults-enabled=true}; not part of eSignet's API.
 */
@Path("/standin/faults/{clientId}/{fault}")
public class FaultsResource {

    private final Faults faults;
    private final StandinConfig config;

    public FaultsResource(Faults faults, StandinConfig config) {
        this.faults = faults;
        this.config = config;
    }

    @POST
    public Response arm(@PathParam("clientId") String clientId, @PathParam("fault") Fault fault) {
        if (!config.faultsEnabled()) {
            throw new NotFoundException();
        }
        faults.arm(clientId, fault);
        return Response.noContent().build();
    }
}
