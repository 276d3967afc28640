package org.ancconnect.dhis2standin.tracker.imports;

/** DHIS2's {@code importStrategy} of a tracker import. */
public enum ImportStrategy {
    CREATE, UPDATE, CREATE_AND_UPDATE, DELETE
}
