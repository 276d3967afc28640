package org.ancconnect.sync.mapping;

/**
 * What the NEHR is known to hold of the resources many tracked entities share (Organization, Location, Device,
 * Practitioner), each PUT to a deterministic id. A bundle leaves a shared resource out, and references it by its
 * literal {@code Type/id}, only when this answers that the NEHR already holds exactly that content; otherwise the
 * resource is sent as before. {@link #NONE} knows nothing: every shared resource is sent (the mapping of old).
 */
@FunctionalInterface
public interface SharedResources {

    /** Knows nothing: every bundle carries its shared resources. */
    SharedResources NONE = (key, content) -> false;

    /**
     * Whether the NEHR holds the shared resource with this business key ({@code Type?identifier=system|value}) with
     * exactly this content (its JSON with references to other shared resources written as {@code Type/id}).
     */
    boolean written(String key, String content);
}
