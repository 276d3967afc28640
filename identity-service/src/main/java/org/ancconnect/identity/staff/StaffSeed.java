package org.ancconnect.identity.staff;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.ancconnect.identity.IdentityConfig;
import org.jboss.logging.Logger;

/**
 * Loads the staff seed file at start ({@code identity.staff.seed-file}): first administrators and test staff. Entries
 * are created once by id; national IDs in the file are hashed on load and never stored in clear.
 */
@ApplicationScoped
public class StaffSeed {

    private static final Logger LOG = Logger.getLogger(StaffSeed.class);

    /** One seed entry. */
    public record Entry(UUID id, String displayName, StaffMember.Role role, String facility, String nationalId, String enrolmentCode) {
    }

    void load(@Observes StartupEvent event, IdentityConfig config, StaffService staff, ObjectMapper mapper) throws Throwable {
        if (config.staff().seedFile().isEmpty()) {
            return;
        }
        List<Entry> entries;
        try (InputStream in = Files.newInputStream(Path.of(config.staff().seedFile().get()))) {
            entries = mapper.readValue(in, new TypeReference<>() { });
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the staff seed file", e);
        }
        for (Entry e : entries) {
            VertxContextSupport.subscribeAndAwait(() -> staff.seed(e.id(), e.displayName(), e.role(), e.facility(), e.nationalId(), e.enrolmentCode()));
        }
        LOG.infof("Staff seed: %d entries ensured", entries.size());
    }
}
