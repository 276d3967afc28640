package org.ancconnect.esignet.identity;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ancconnect.esignet.StandinConfig;
import org.jboss.logging.Logger;

/** The identities the stand-in knows, loaded once from the seed file. */
@ApplicationScoped
public class SeedIdentities {

    private static final Logger LOG = Logger.getLogger(SeedIdentities.class);

    private final Map<String, Identity> byIndividualId;

    public SeedIdentities(StandinConfig config, ObjectMapper mapper) {
        try (InputStream in = open(config.seedFile())) {
            List<Identity> identities = mapper.readValue(in, new TypeReference<>() { });
            byIndividualId = identities.stream().collect(Collectors.toUnmodifiableMap(Identity::individualId, Function.identity()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the stand-in's seed identities", e);
        }
        LOG.infof("DEV/TEST ONLY eSignet stand-in: %d synthetic identities loaded", byIndividualId.size());
    }

    private static InputStream open(Optional<String> seedFile) throws IOException {
        if (seedFile.isPresent()) {
            return Files.newInputStream(Path.of(seedFile.get()));
        }
        return SeedIdentities.class.getResourceAsStream("/seed-identities.json");
    }

    public Optional<Identity> find(String individualId) {
        return Optional.ofNullable(byIndividualId.get(individualId == null ? "" : individualId.trim()));
    }
}
