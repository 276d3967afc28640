package org.ancconnect.portal.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The portal's message bundle {@code msg} (templates: {@code msg:key}). Texts live in
 * {@code messages/msg_en.properties}, {@code msg_si.properties} and {@code msg_ta.properties}; a method per key makes
 * every key used in a template checked at build time.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {

    @Message
    String app_name();

    @Message
    String skip_to_content();

    @Message
    String nav_label();

    @Message
    String nav_phm();

    @Message
    String nav_phm_register();

    @Message
    String nav_doctor();

    @Message
    String nav_me();

    @Message
    String nav_admin_staff();

    @Message
    String nav_admin_reviews();

    @Message
    String nav_admin_sync();

    @Message
    String language();

    @Message
    String signed_in_as(String name);

    @Message
    String sign_out();

    @Message
    String footer();

    @Message
    String signin_title();

    @Message
    String signin_intro();

    @Message
    String signin_staff();

    @Message
    String signin_patient();

    @Message
    String notice_expired();

    @Message
    String notice_kept();

    @Message
    String notice_lost();

    @Message
    String notice_signed_out();

    @Message
    String notice_denied();

    @Message
    String notice_failed();

    @Message
    String error_title(int status);

    @Message
    String error_400();

    @Message
    String error_403();

    @Message
    String error_403_csrf();

    @Message
    String error_404();

    @Message
    String error_409();

    @Message
    String error_410();

    @Message
    String error_500();

    @Message
    String error_503();

    @Message
    String error_home();

    @Message
    String phm_home_title();

    @Message
    String phm_new_registration();

    @Message
    String phm_new_registration_manual();

    @Message
    String phm_sync_unavailable();

    @Message
    String phm_no_registrations();

    @Message
    String field_name();

    @Message
    String field_phn();

    @Message
    String phm_registered_at();

    @Message
    String phm_dhis2_status();

    @Message
    String phm_nehr_status();

    @Message
    String pages();

    @Message
    String previous_page();

    @Message
    String next_page();

    @Message
    String status_synced();

    @Message
    String status_failed();

    @Message
    String status_pending();

    @Message
    String required_marker();

    @Message
    String verified_badge();

    @Message
    String err_required();

    @Message
    String err_too_long();

    @Message
    String err_date();

    @Message
    String err_future();

    @Message
    String err_phone();

    @Message
    String err_nic();

    @Message
    String err_postal();

    @Message
    String err_phn();

    @Message
    String err_phn_unknown();

    @Message
    String err_choice();

    @Message
    String err_number();

    @Message
    String err_range(String min, String max);

    @Message
    String err_expired();

    @Message
    String err_summary();

    @Message
    String field_given_names();

    @Message
    String field_family_name();

    @Message
    String field_previous_family_name();

    @Message
    String field_birth_date();

    @Message
    String field_birth_date_estimated();

    @Message
    String field_sex();

    @Message
    String field_phone();

    @Message
    String field_address_line();

    @Message
    String field_city();

    @Message
    String field_district();

    @Message
    String field_postal_code();

    @Message
    String field_nic();

    @Message
    String field_presented_phn();

    @Message
    String hint_previous_family_name();

    @Message
    String hint_nic();

    @Message
    String hint_presented_phn();

    @Message
    String sex_female();

    @Message
    String sex_male();

    @Message
    String sex_other();

    @Message
    String sex_unknown();

    @Message
    String reg_verified_by_esignet();

    @Message
    String reg_corrected_badge();

    @Message
    String reg_corrected_note();

    @Message
    String low_assurance_badge();

    @Message
    String low_assurance_note();

    @Message
    String reg_title();

    @Message
    String reg_cancelled();

    @Message
    String reg_intro();

    @Message
    String reg_start_verification();

    @Message
    String reg_manual_intro();

    @Message
    String reg_handover_title();

    @Message
    String reg_handover_text();

    @Message
    String reg_handover_go();

    @Message
    String cancel();

    @Message
    String reg_form_title();

    @Message
    String reg_identity();

    @Message
    String reg_contact();

    @Message
    String reg_existing_phn();

    @Message
    String reg_continue();

    @Message
    String reg_correct();

    @Message
    String compare_title();

    @Message
    String compare_intro(String phn);

    @Message
    String compare_caption();

    @Message
    String compare_field();

    @Message
    String compare_record();

    @Message
    String compare_verified();

    @Message
    String compare_entered();

    @Message
    String compare_result();

    @Message
    String compare_same();

    @Message
    String compare_different();

    @Message
    String compare_probability();

    @Message
    String compare_decide_same();

    @Message
    String compare_decide_different();

    @Message
    String candidates_title();

    @Message
    String candidates_intro();

    @Message
    String candidates_probability();

    @Message
    String candidates_reasons();

    @Message
    String candidates_level();

    @Message
    String candidates_weight();

    @Message
    String candidates_guards();

    @Message
    String candidates_link();

    @Message
    String candidates_new();

    @Message
    String visit_date();

    @Message
    String staff_role();

    @Message
    String staff_facility();

    @Message
    String staff_national_id();

    @Message
    String merge_reason();

    @Message
    String merge_duplicate();

    @Message
    String err_visit_empty();

    @Message
    String err_visit_not_enrolled();

    @Message
    String err_visit_rejected();

    @Message
    String outcome_new();

    @Message
    String outcome_new_review();

    @Message
    String outcome_linked();

    @Message
    String visit_recorded();

    @Message
    String estimated();

    @Message
    String card_show();

    @Message
    String card_pdf();

    @Message
    String visit_record();

    @Message
    String visit_waiting_enrolment();

    @Message
    String visit_title();

    @Message
    String visit_range(String min, String max);

    @Message
    String visit_save();

    @Message
    String yes();

    @Message
    String no();

    @Message
    String card_title();

    @Message
    String card_name_font_missing();

    @Message
    String card_qr_alt(String phn);

    @Message
    String card_png();

    @Message
    String err_uid();

    @Message
    String err_national_id();

    @Message
    String role_phm();

    @Message
    String role_doctor();

    @Message
    String role_admin();

    @Message
    String hint_facility();

    @Message
    String hint_staff_national_id();

    @Message
    String staff_state();

    @Message
    String actions();

    @Message
    String staff_inactive();

    @Message
    String staff_bound();

    @Message
    String staff_unbound();

    @Message
    String staff_edit();

    @Message
    String staff_new();

    @Message
    String staff_create();

    @Message
    String staff_created_title();

    @Message
    String staff_created_text(String name);

    @Message
    String staff_enrolment_code();

    @Message
    String staff_code_once();

    @Message
    String saved();

    @Message
    String save();

    @Message
    String staff_inactive_note();

    @Message
    String staff_reactivate();

    @Message
    String staff_deactivate();

    @Message
    String review_done_same();

    @Message
    String review_done_different();

    @Message
    String review_empty();

    @Message
    String review_item(String phn);

    @Message
    String review_reasons();

    @Message
    String review_pair(String phn, String other);

    @Message
    String review_new();

    @Message
    String review_candidate();

    @Message
    String review_same(String phn);

    @Message
    String review_different();

    @Message
    String persons_title();

    @Message
    String persons_merged();

    @Message
    String persons_unmerged();

    @Message
    String persons_lookup();

    @Message
    String persons_retired(String old, String phn);

    @Message
    String persons_history();

    @Message
    String persons_event();

    @Message
    String persons_related();

    @Message
    String persons_when();

    @Message
    String persons_actor();

    @Message
    String persons_merge();

    @Message
    String persons_merge_button();

    @Message
    String persons_unmerge();

    @Message
    String persons_unmerge_button();

    @Message
    String err_already_merged();

    @Message
    String err_not_merged();

    @Message
    String err_do_not_link();

    @Message
    String sync_replayed(int count);

    @Message
    String sync_dhis2();

    @Message
    String sync_dhis2_ok(String version, String zone);

    @Message
    String sync_dhis2_down();

    @Message
    String sync_dhis2_test();

    @Message
    String sync_dead_letters();

    @Message
    String sync_dead_letters_text();

    @Message
    String sync_replay();

    @Message
    String sync_log();

    @Message
    String sync_filter();

    @Message
    String sync_all();

    @Message
    String sync_entity();

    @Message
    String sync_attempts();

    @Message
    String sync_last_error();

    @Message
    String sync_updated();

}
