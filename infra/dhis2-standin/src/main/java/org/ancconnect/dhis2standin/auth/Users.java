package org.ancconnect.dhis2standin.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stand-in's users (users.json on the classpath), by username. */
@ApplicationScoped
public class Users {

    private final Map<String, User> byUsername = new LinkedHashMap<>();

    public Users(ObjectMapper json) {
        try (InputStream in = Users.class.getResourceAsStream("/users.json")) {
            for (User u : json.readValue(in, new TypeReference<List<User>>() { })) {
                byUsername.put(u.username(), u);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("users.json unreadable", e);
        }
    }

    public Optional<User> byUsername(String username) {
        return Optional.ofNullable(byUsername.get(username));
    }

    /** Every user, in file order (the generator assigns visits to them). */
    public List<User> all() {
        return List.copyOf(byUsername.values());
    }
}
