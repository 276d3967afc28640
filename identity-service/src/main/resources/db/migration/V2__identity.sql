-- Staff directory: an eSignet sub is bound at first sign-in by an enrolment code or the keyed hash of the national ID.
create table staff_member (
    id                    uuid primary key,
    display_name          varchar(200) not null,
    role                  varchar(16)  not null check (role in ('PHM', 'DOCTOR', 'ADMIN')),
    facility              varchar(11)  not null,
    esignet_sub           varchar(200) unique,
    national_id_hash      varchar(64)  unique,
    enrolment_code_hash   varchar(64)  unique,
    enrolment_expires_at  timestamp with time zone,
    active                boolean      not null,
    created_at            timestamp with time zone not null,
    bound_at              timestamp with time zone
);

-- One-time codes handed to the portal after sign-in; stored as SHA-256 only.
create table one_time_code (
    code_hash     varchar(64)  primary key,
    kind          varchar(16)  not null,
    subject       varchar(200) not null,
    roles         varchar(100) not null,
    facility      varchar(11),
    phn           varchar(40),
    display_name  varchar(200),
    expires_at    timestamp with time zone not null
);

-- Server-side sessions; the id is stored as SHA-256 only.
create table user_session (
    id_hash              varchar(64)  primary key,
    kind                 varchar(16)  not null,
    subject              varchar(200) not null,
    roles                varchar(100) not null,
    facility             varchar(11),
    phn                  varchar(40),
    display_name         varchar(200),
    created_at           timestamp with time zone not null,
    last_seen_at         timestamp with time zone not null,
    absolute_expires_at  timestamp with time zone not null,
    revoked_at           timestamp with time zone
);

-- Patient verification requests and their single-use records.
create table verification_request (
    id                 uuid primary key,
    requested_by       varchar(200) not null,
    facility           varchar(11),
    purpose            varchar(200) not null,
    return_url         varchar(1000) not null,
    status             varchar(16)  not null,
    created_at         timestamp with time zone not null,
    expires_at         timestamp with time zone not null,
    esignet_sub        varchar(200),
    acr                varchar(100),
    verified_at        timestamp with time zone,
    consented_claims   varchar(500),
    claims_json        text,
    collected_at       timestamp with time zone
);

-- Internal token signing keys, one per rotation slot; private keys AES-GCM encrypted.
create table token_signing_key (
    slot         bigint primary key,
    kid          varchar(64)  not null unique,
    public_jwk   text         not null,
    private_key  bytea        not null,
    created_at   timestamp with time zone not null
);

-- Audit log of sign-ins and verifications: who, what, outcome; never claims or tokens.
create table audit_event (
    id           bigserial primary key,
    occurred_at  timestamp with time zone not null,
    type         varchar(40)  not null,
    outcome      varchar(40)  not null,
    actor        varchar(200),
    detail       varchar(500)
);
create index audit_event_occurred_at on audit_event (occurred_at);
