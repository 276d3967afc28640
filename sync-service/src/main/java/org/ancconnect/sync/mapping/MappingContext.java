package org.ancconnect.sync.mapping;

import java.time.ZoneId;
import java.util.Map;

/**
 * Everything one mapping run needs besides the tracked entity: the resolved program mapping, the
 * DHIS2 server's zone and identity (the NEHR registration-system Device), the users it references,
 * and the identifier namespace of this DHIS2 instance.
 */
record MappingContext(ProgramMapping mapping, ZoneId zone, String systemId, String dhis2Version, String namespace,
        Map<String, Dhis2User> users, BundleBuilder bundle) {

    String system(String kind) {
        return namespace + kind;
    }
}
