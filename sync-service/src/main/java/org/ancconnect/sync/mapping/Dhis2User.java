package org.ancconnect.sync.mapping;

/** A DHIS2 user as {@code /api/users/{id}} describes them: what an NEHR Practitioner needs (names, telecom). */
public record Dhis2User(String uid, String username, String firstName, String surname, String phoneNumber, String email) {
}
