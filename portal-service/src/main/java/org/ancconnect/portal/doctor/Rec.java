package org.ancconnect.portal.doctor;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * REC's message bundle {@code rec} (templates: {@code rec:key}) for the doctor and patient portals. Texts live in
 * {@code messages/rec_en.properties}, {@code rec_si.properties} and {@code rec_ta.properties}; a method per key makes
 * every key a template uses checked at build time.
 */
@MessageBundle(value = "rec", locale = "en")
public interface Rec {

    @Message
    String doctor_search_title();

    @Message
    String doctor_search_intro();

    @Message
    String phn();

    @Message
    String phn_hint();

    @Message
    String phn_required();

    @Message
    String phn_unknown();

    @Message
    String phn_check_digit();

    @Message
    String phn_invalid();

    @Message
    String search();

    @Message
    String search_again();

    @Message
    String unknown_title();

    @Message
    String unknown_text(String phn);

    @Message
    String grant_title();

    @Message
    String grant_for();

    @Message
    String grant_heading();

    @Message
    String grant_explain();

    @Message
    String grant_start();

    @Message
    String handover_title();

    @Message
    String handover_text();

    @Message
    String handover_start();

    @Message
    String grant_declined();

    @Message
    String grant_mismatch();

    @Message
    String grant_demographics();

    @Message
    String grant_active(String until);

    @Message
    String btg_heading();

    @Message
    String btg_explain();

    @Message
    String btg_reason();

    @Message
    String btg_reason_hint(int min);

    @Message
    String btg_reason_required(int min);

    @Message
    String btg_submit();

    @Message
    String btg_banner();

    @Message
    String btg_banner_reason();

    @Message
    String btg_banner_until(String until);

    @Message
    String record_title();

    @Message
    String unnamed();

    @Message
    String birth_date();

    @Message
    String gender();

    @Message
    String gender_female();

    @Message
    String gender_male();

    @Message
    String gender_other();

    @Message
    String phone();

    @Message
    String bp_heading();

    @Message
    String bp_chart_title();

    @Message
    String bp_chart_desc();

    @Message
    String bp_legend();

    @Message
    String bp_table_caption();

    @Message
    String bp_none();

    @Message
    String date();

    @Message
    String systolic();

    @Message
    String diastolic();

    @Message
    String appointments_heading();

    @Message
    String appointments_none();

    @Message
    String visits_heading(int count);

    @Message
    String visits_none();

    @Message
    String findings_none();

    @Message
    String finding();

    @Message
    String value();

    @Message
    String yes();

    @Message
    String no();

    @Message
    String conditions_heading();

    @Message
    String medications_heading();

    @Message
    String referrals_heading();

    @Message
    String none_recorded();

    @Message
    String consultation_record();

    @Message
    String consultation_title();

    @Message
    String consultation_save();

    @Message
    String consultation_saved();

    @Message
    String fundal_height();

    @Message
    String gestational_age();

    @Message
    String findings();

    @Message
    String form_has_problems();

    @Message
    String cancel();

    @Message
    String problem_out_of_range();

    @Message
    String problem_not_a_number();

    @Message
    String problem_whole_number();

    @Message
    String problem_too_long();

    @Message
    String problem_nothing_recorded();

    @Message
    String problem_form_expired();

    @Message
    String me_title();

    @Message
    String me_card();

    @Message
    String me_access_link();

    @Message
    String nophn_title();

    @Message
    String nophn_text();

    @Message
    String notyet_title();

    @Message
    String notyet_text();

    @Message
    String access_title();

    @Message
    String access_intro();

    @Message
    String access_none();

    @Message
    String when();

    @Message
    String who();

    @Message
    String role();

    @Message
    String why();

    @Message
    String role_doctor();

    @Message
    String role_patient();

    @Message
    String access_btg();

    @Message
    String access_btg_opened();

    @Message
    String access_self();

    @Message
    String access_treatment();

    @Message
    String back_to_record();
}
