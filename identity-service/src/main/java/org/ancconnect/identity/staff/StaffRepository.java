package org.ancconnect.identity.staff;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class StaffRepository implements PanacheRepositoryBase<StaffMember, UUID> {

    public Uni<StaffMember> findBySub(String sub) {
        return find("esignetSub", sub).firstResult();
    }

    public Uni<StaffMember> findUnboundByNationalIdHash(String hash) {
        return find("nationalIdHash = ?1 and esignetSub is null", hash).firstResult();
    }

    public Uni<StaffMember> findByEnrolmentCodeHash(String hash) {
        return find("enrolmentCodeHash", hash).firstResult();
    }
}
