package org.ancconnect.commons.problem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;

/** Endpoints that fail in each of the ways the mappers must handle. */
@Path("/test/problems")
public class ProblemTestResource {

    public enum Sex { FEMALE, MALE }

    public record Mother(@NotBlank @Size(max = 10) String name, @Past LocalDate birthDate) {
    }

    public record Registration(@Valid Mother mother, Sex sex) {
    }

    @POST
    @Path("/register")
    @Consumes(MediaType.APPLICATION_JSON)
    public String register(@Valid Registration registration) {
        return "ok";
    }

    @GET
    @Path("/conflict/{id}")
    public String conflict(@PathParam("id") String id) {
        throw ProblemException.conflict("duplicate-registration", "registration " + id + " exists already");
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("secret internal detail that must not leak");
    }
}
