-- Change detection: one watermark per program (the DHIS2 updatedAt up to which every change is published).
CREATE TABLE watermark (
    program    varchar(11) PRIMARY KEY,
    updated_at timestamptz NOT NULL,
    changed_at timestamptz NOT NULL
);

-- The sync log: one row per tracked entity.
CREATE TABLE sync_entity (
    tracked_entity   varchar(11)  PRIMARY KEY,
    program          varchar(11)  NOT NULL,
    -- QUEUED (published, not yet synced), SYNCED, RETRYING (transient failure), FAILED (dead-lettered)
    status           varchar(16)  NOT NULL,
    -- DHIS2 updatedAt of the newest change published: de-duplicates the overlapping polls
    published_at     timestamptz,
    -- DHIS2 updatedAt of the version last written to the NEHR
    synced_version   timestamptz,
    attempts         integer      NOT NULL DEFAULT 0,
    last_error       text,
    -- business keys ("Type?identifier=system|value") of the resources the last sync wrote: the next one retracts the rest
    fhir_keys        jsonb        NOT NULL DEFAULT '[]',
    -- "Type/id/_history/version" of every resource the last transaction wrote
    fhir_versions    jsonb        NOT NULL DEFAULT '[]',
    synced_at        timestamptz,
    updated_at       timestamptz  NOT NULL
);
CREATE INDEX sync_entity_status ON sync_entity (status, updated_at);
