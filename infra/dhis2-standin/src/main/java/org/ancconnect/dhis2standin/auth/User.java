package org.ancconnect.dhis2standin.auth;

import java.util.List;

/** A DHIS2 user of the stand-in (synthetic; passwords are dev/test values). */
public record User(String id, String username, String password, String firstName, String surname, String phoneNumber,
        String email, List<String> organisationUnits, List<String> authorities) {
}
