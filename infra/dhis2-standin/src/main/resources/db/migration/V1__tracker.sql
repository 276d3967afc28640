-- DHIS2 stand-in (dev/test only): tracked entities, enrollments and events as the Tracker API exposes them,
-- and aggregate data values. Values are kept as JSON the way the API carries them (strings per attribute
-- or data element); timestamps are instants, rendered in the configured server zone.
CREATE TABLE tracked_entity (
    uid                 varchar(11) PRIMARY KEY,
    tracked_entity_type varchar(11) NOT NULL,
    org_unit            varchar(11) NOT NULL,
    inactive            boolean     NOT NULL DEFAULT false,
    deleted             boolean     NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    created_by          varchar(64),
    updated_by          varchar(64),
    -- {"<attribute uid>": {"value": "...", "createdAt": epochMillis, "updatedAt": epochMillis}}
    attributes          jsonb       NOT NULL DEFAULT '{}'
);
-- The change-detection query: updatedAfter with order=updatedAt:asc, uid as the stable tie-breaker.
CREATE INDEX tracked_entity_updated ON tracked_entity (updated_at, uid);

CREATE TABLE enrollment (
    uid            varchar(11) PRIMARY KEY,
    tracked_entity varchar(11) NOT NULL REFERENCES tracked_entity (uid),
    program        varchar(11) NOT NULL,
    org_unit       varchar(11) NOT NULL,
    status         varchar(16) NOT NULL,
    enrolled_at    timestamptz NOT NULL,
    occurred_at    timestamptz,
    completed_at   timestamptz,
    deleted        boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    created_by     varchar(64),
    updated_by     varchar(64)
);
CREATE INDEX enrollment_tracked_entity ON enrollment (tracked_entity);
CREATE INDEX enrollment_program ON enrollment (program, tracked_entity);

CREATE TABLE event (
    uid            varchar(11) PRIMARY KEY,
    enrollment     varchar(11) NOT NULL REFERENCES enrollment (uid),
    tracked_entity varchar(11) NOT NULL REFERENCES tracked_entity (uid),
    program        varchar(11) NOT NULL,
    program_stage  varchar(11) NOT NULL,
    org_unit       varchar(11) NOT NULL,
    status         varchar(16) NOT NULL,
    occurred_at    timestamptz,
    scheduled_at   timestamptz,
    completed_at   timestamptz,
    deleted        boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    created_by     varchar(64),
    updated_by     varchar(64),
    -- {"<data element uid>": {"value": "...", "providedElsewhere": false, "createdAt": .., "updatedAt": .., "storedBy": ".."}}
    data_values    jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX event_enrollment ON event (enrollment);
CREATE INDEX event_tracked_entity ON event (tracked_entity);
CREATE INDEX event_updated ON event (updated_at, uid);

CREATE TABLE data_value (
    data_element           varchar(11)  NOT NULL,
    period                 varchar(16)  NOT NULL,
    org_unit               varchar(11)  NOT NULL,
    category_option_combo  varchar(11)  NOT NULL,
    attribute_option_combo varchar(11)  NOT NULL,
    value                  varchar(50000) NOT NULL,
    stored_by              varchar(64),
    created_at             timestamptz  NOT NULL,
    updated_at             timestamptz  NOT NULL,
    PRIMARY KEY (data_element, period, org_unit, category_option_combo, attribute_option_combo)
);
