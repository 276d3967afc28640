-- Patient registry: golden records, their names and identifiers, the source records linked to them,
-- blocking keys, the review queue, the do-not-link list, the append-only identity event log and the
-- transactional outbox of patient events.

CREATE TABLE person (
    id                   uuid PRIMARY KEY,
    phn                  varchar(16)  NOT NULL UNIQUE,
    status               varchar(8)   NOT NULL CHECK (status IN ('ACTIVE', 'MERGED')),
    merged_into          uuid REFERENCES person (id),
    given_names          varchar(200) NOT NULL,
    family_name          varchar(100) NOT NULL,
    birth_date           date         NOT NULL,
    birth_date_estimated boolean      NOT NULL,
    sex                  varchar(8)   NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
    phone                varchar(20),
    address_line         varchar(200),
    address_city         varchar(100),
    address_district     varchar(100),
    address_postal_code  varchar(10),
    nic_hash             varchar(64),
    esignet_sub          varchar(255),
    facility             varchar(11),
    test                 boolean      NOT NULL DEFAULT false,
    created_at           timestamptz  NOT NULL,
    updated_at           timestamptz  NOT NULL
);
CREATE INDEX person_merged_into ON person (merged_into) WHERE merged_into IS NOT NULL;

-- Every name form a person was registered under (maiden, married, initials form); matching compares all.
CREATE TABLE person_name (
    person_id    uuid         NOT NULL REFERENCES person (id),
    given_names  varchar(200) NOT NULL,
    family_name  varchar(100) NOT NULL,
    first_seen   timestamptz  NOT NULL,
    PRIMARY KEY (person_id, given_names, family_name)
);

-- Identifiers. PHN rows stay when a PHN is retired by a merge, so the retired PHN still resolves.
CREATE TABLE identifier (
    system     varchar(12)  NOT NULL CHECK (system IN ('PHN', 'NIC_HASH', 'ESIGNET_SUB', 'PHONE')),
    value      varchar(255) NOT NULL,
    person_id  uuid         NOT NULL REFERENCES person (id),
    retired    boolean      NOT NULL DEFAULT false,
    created_at timestamptz  NOT NULL,
    PRIMARY KEY (system, value, person_id)
);
-- One person per PHN, NIC and eSignet subject; phones are shared by households.
CREATE UNIQUE INDEX identifier_unique_strong ON identifier (system, value) WHERE system <> 'PHONE';
CREATE INDEX identifier_person ON identifier (person_id);

-- Blocking keys from the versioned Java normaliser, one btree serving every pass (the key starts with its pass).
CREATE TABLE match_key (
    key        varchar(80) NOT NULL,
    person_id  uuid        NOT NULL REFERENCES person (id),
    PRIMARY KEY (key, person_id)
);
CREATE INDEX match_key_person ON match_key (person_id);

-- A registration as a source system sent it; (source_system, source_id) is the idempotency key.
CREATE TABLE source_record (
    id               uuid         PRIMARY KEY,
    source_system    varchar(64)  NOT NULL,
    source_id        varchar(128) NOT NULL,
    person_id        uuid         NOT NULL REFERENCES person (id),
    link_kind        varchar(8)   NOT NULL CHECK (link_kind IN ('NEW', 'AUTO', 'MANUAL')),
    link_probability double precision,
    payload          jsonb        NOT NULL,
    created_by       varchar(255) NOT NULL,
    created_at       timestamptz  NOT NULL,
    UNIQUE (source_system, source_id)
);
CREATE INDEX source_record_person ON source_record (person_id);

CREATE TABLE do_not_link (
    person_a   uuid         NOT NULL REFERENCES person (id),
    person_b   uuid         NOT NULL REFERENCES person (id),
    reason     varchar(500) NOT NULL,
    created_by varchar(255) NOT NULL,
    created_at timestamptz  NOT NULL,
    PRIMARY KEY (person_a, person_b),
    CHECK (person_a < person_b)
);

CREATE TABLE review_item (
    id               uuid         PRIMARY KEY,
    source_record_id uuid         NOT NULL UNIQUE REFERENCES source_record (id),
    person_id        uuid         NOT NULL REFERENCES person (id),
    status           varchar(8)   NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
    candidates       jsonb        NOT NULL,
    reasons          jsonb        NOT NULL,
    facility         varchar(11),
    created_at       timestamptz  NOT NULL,
    resolution       varchar(16)  CHECK (resolution IN ('SAME_PERSON', 'DIFFERENT_PERSONS')),
    resolved_by      varchar(255),
    resolved_at      timestamptz
);
CREATE INDEX review_item_open ON review_item (created_at) WHERE status = 'OPEN';

-- Append-only: the before/after images make every merge undoable and every decision auditable.
CREATE TABLE identity_event (
    id                bigserial    PRIMARY KEY,
    person_id         uuid         NOT NULL REFERENCES person (id),
    kind              varchar(16)  NOT NULL CHECK (kind IN ('LINK', 'UNLINK', 'MERGE', 'UNMERGE', 'PHN_ISSUED',
                                                            'PHN_RETIRED', 'REVIEW_RESOLVED')),
    related_person_id uuid,
    source_record_id  uuid,
    actor             varchar(255) NOT NULL,
    occurred_at       timestamptz  NOT NULL,
    before_image      jsonb,
    after_image       jsonb,
    details           jsonb
);
CREATE INDEX identity_event_person ON identity_event (person_id, id);

CREATE FUNCTION identity_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'identity_event is append-only';
END;
$$;
CREATE TRIGGER identity_event_no_update BEFORE UPDATE OR DELETE ON identity_event
    FOR EACH ROW EXECUTE FUNCTION identity_event_append_only();

-- Transactional outbox: written in the same transaction as the change, relayed to RabbitMQ afterwards.
CREATE TABLE outbox (
    id           uuid         PRIMARY KEY,
    event_type   varchar(32)  NOT NULL,
    person_id    uuid         NOT NULL,
    payload      jsonb        NOT NULL,
    created_at   timestamptz  NOT NULL,
    published_at timestamptz,
    attempts     integer      NOT NULL DEFAULT 0,
    last_error   varchar(500)
);
CREATE INDEX outbox_pending ON outbox (created_at) WHERE published_at IS NULL;
