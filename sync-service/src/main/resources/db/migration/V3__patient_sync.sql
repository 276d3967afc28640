-- Registrations from phn-service (patient.* events) into DHIS2 and the NEHR: one row per PHN, read by the portal.
CREATE TABLE patient_sync (
    phn             varchar(32)  PRIMARY KEY,
    display_name    varchar(400),
    -- DHIS2 org unit of the registering facility (a PHM sees only her facility's rows)
    org_unit        varchar(11),
    tracked_entity  varchar(11),
    enrollment      varchar(11),
    registered_at   timestamptz,
    -- PENDING (event received), SYNCED, RETRYING, FAILED (dead-lettered), MERGED (retired PHN)
    dhis2_status    varchar(16)  NOT NULL,
    -- PENDING, SYNCED, RETRYING, FAILED, REPLACED (retired PHN: Patient inactive with link replaced-by)
    nehr_status     varchar(16)  NOT NULL,
    last_error      text,
    -- occurredAt of the newest event applied: an older event arriving late (after a retry) is not applied over it
    event_at        timestamptz,
    survivor_phn    varchar(32),
    updated_at      timestamptz  NOT NULL
);
CREATE INDEX patient_sync_org_unit ON patient_sync (org_unit, updated_at DESC);

-- ce-id of every patient event applied: at-least-once delivery from phn-service's outbox becomes effectively once.
CREATE TABLE patient_event_applied (
    ce_id       varchar(64) PRIMARY KEY,
    applied_at  timestamptz NOT NULL
);
CREATE INDEX patient_event_applied_at ON patient_event_applied (applied_at);
