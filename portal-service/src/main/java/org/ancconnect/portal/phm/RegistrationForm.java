package org.ancconnect.portal.phm;

import jakarta.ws.rs.FormParam;

/**
 * The registration form as posted, carried through every step (details, existing-PHN comparison, candidates) as
 * hidden fields. Field names are the HTML names; {@link RegistrationCheck} validates them.
 */
public class RegistrationForm {

    /** Idempotency key of this registration (UUID made when the form was first shown). */
    @FormParam("sourceId") public String sourceId;
    /** The sealed {@link VerifiedRecord}, absent for a registration without eSignet. */
    @FormParam("verified") public String verified;
    /** The midwife chose to correct the verified details. */
    @FormParam("corrected") public String corrected;
    @FormParam("givenNames") public String givenNames;
    @FormParam("familyName") public String familyName;
    @FormParam("previousFamilyName") public String previousFamilyName;
    @FormParam("birthDate") public String birthDate;
    @FormParam("birthDateEstimated") public String birthDateEstimated;
    @FormParam("sex") public String sex;
    @FormParam("phone") public String phone;
    @FormParam("addressLine") public String addressLine;
    @FormParam("city") public String city;
    @FormParam("district") public String district;
    @FormParam("postalCode") public String postalCode;
    @FormParam("nic") public String nic;
    @FormParam("presentedPhn") public String presentedPhn;
    /** The submit button pressed: continue, correct, link, new, same, different. */
    @FormParam("action") public String action;
    /** The candidate chosen with {@code link} or {@code same}. */
    @FormParam("phn") public String phn;

    public boolean isCorrected() {
        return "true".equals(corrected);
    }

    public boolean isBirthDateEstimated() {
        return "true".equals(birthDateEstimated) || "on".equals(birthDateEstimated);
    }
}
