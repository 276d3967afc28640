package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ancconnect.sync.SyncConfig;
import org.ancconnect.sync.dhis2.Dhis2Client;

/**
 * The configured mapping files, each resolved once against its program's metadata fetched from DHIS2
 * (so bindings by code or name work and unknown uids are caught on first use, not per value).
 */
@ApplicationScoped
public class ProgramMappings {

    private final Map<String, MappingFile> files = new ConcurrentHashMap<>();
    private final Map<String, ProgramMapping> resolved = new ConcurrentHashMap<>();
    private final Dhis2Client dhis2;

    public ProgramMappings(SyncConfig config, ObjectMapper json, Dhis2Client dhis2) {
        this.dhis2 = dhis2;
        for (String name : config.mapping().files()) {
            MappingFile file = ProgramMapping.read(json, open(name));
            files.put(file.program(), file);
        }
    }

    /** The mapping of a program; a program without a mapping file is a configuration error. */
    public ProgramMapping forProgram(String program) {
        return resolved.computeIfAbsent(program, p -> {
            MappingFile file = files.get(p);
            if (file == null) {
                throw new MappingException("program", "no mapping file for program " + p);
            }
            return ProgramMapping.resolve(file, ProgramIndex.fromDhis2Program(dhis2.program(p)));
        });
    }

    private static InputStream open(String name) {
        InputStream in = ProgramMappings.class.getClassLoader().getResourceAsStream(name);
        if (in != null) {
            return in;
        }
        try {
            return Files.newInputStream(Path.of(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Mapping file not found on the classpath or disk: " + name, e);
        }
    }
}
