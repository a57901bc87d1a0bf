-- RegionGrains on PostgreSQL, part 3 of 5: grain state (the footprint) for Orleans' ADO.NET grain storage.
--
-- One row per grain and storage: the serialized state and a version that every write moves on by one. A write
-- names the version it read; it succeeds only while that is still the stored version (optimistic concurrency),
-- and the first write of a grain (no version) succeeds only while no row exists. So two activations of one grain,
-- which a partition can briefly produce, can never both write on top of the same state: the loser's write answers
-- its old version, which Orleans turns into an InconsistentStateException, and the grain does not acknowledge.
-- A missing grain-id extension is stored as '' so that the primary key can cover it. State is binary (Orleans'
-- own serializer, see StateSerializerExtensions), the only payload the provider passes (@PayloadBinary); reads
-- answer the XML and JSON payload columns it also expects as NULL.

CREATE TABLE IF NOT EXISTS regiongrains_grain_state
(
    service_id          varchar(150) NOT NULL,
    grain_type_hash     integer      NOT NULL,
    grain_type          varchar(512) NOT NULL,
    grain_id_hash       integer      NOT NULL,
    grain_id_n0         bigint       NOT NULL,
    grain_id_n1         bigint       NOT NULL,
    grain_id_extension  varchar(512) NOT NULL DEFAULT '',
    payload_binary      bytea        NULL,
    modified_on         timestamptz  NOT NULL DEFAULT now(),
    version             integer      NOT NULL,
    PRIMARY KEY (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_extension)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Read: the payload columns in the order the provider expects, and the version (no row: the grain has no state).
('ReadFromStorageKey', $q$
SELECT payload_binary AS "PayloadBinary", NULL::xml AS "PayloadXml", NULL::text AS "PayloadJson",
       now() AS "ModifiedOn", version AS "Version"
FROM regiongrains_grain_state
WHERE service_id = CAST(@ServiceId AS varchar)
  AND grain_type_hash = CAST(@GrainTypeHash AS integer)
  AND grain_id_hash = CAST(@GrainIdHash AS integer)
  AND grain_id_n0 = CAST(@GrainIdN0 AS bigint)
  AND grain_id_n1 = CAST(@GrainIdN1 AS bigint)
  AND grain_type = CAST(@GrainTypeString AS varchar)
  AND grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS varchar), '')
$q$),

-- Write: with a version, update the row holding exactly that version; without one, insert unless a row exists.
-- Answers the new version, or the version it was given when nothing was written (a conflict).
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE regiongrains_grain_state
    SET payload_binary = CAST(@PayloadBinary AS bytea),
        modified_on = now(),
        version = version + 1
    WHERE CAST(@GrainStateVersion AS integer) IS NOT NULL
      AND service_id = CAST(@ServiceId AS varchar)
      AND grain_type_hash = CAST(@GrainTypeHash AS integer)
      AND grain_id_hash = CAST(@GrainIdHash AS integer)
      AND grain_id_n0 = CAST(@GrainIdN0 AS bigint)
      AND grain_id_n1 = CAST(@GrainIdN1 AS bigint)
      AND grain_type = CAST(@GrainTypeString AS varchar)
      AND grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS varchar), '')
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version),
inserted AS (
    INSERT INTO regiongrains_grain_state
        (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1, grain_id_extension,
         payload_binary, version)
    SELECT CAST(@ServiceId AS varchar), CAST(@GrainTypeHash AS integer), CAST(@GrainTypeString AS varchar),
           CAST(@GrainIdHash AS integer), CAST(@GrainIdN0 AS bigint), CAST(@GrainIdN1 AS bigint),
           COALESCE(CAST(@GrainIdExtensionString AS varchar), ''),
           CAST(@PayloadBinary AS bytea), 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT COALESCE((SELECT version FROM updated), (SELECT version FROM inserted), CAST(@GrainStateVersion AS integer))
       AS "NewGrainStateVersion"
$q$),

-- Clear: empty the payload and move the version on, under the same version check as a write.
('ClearStorageKey', $q$
UPDATE regiongrains_grain_state
SET payload_binary = NULL, modified_on = now(), version = version + 1
WHERE service_id = CAST(@ServiceId AS varchar)
  AND grain_type_hash = CAST(@GrainTypeHash AS integer)
  AND grain_id_hash = CAST(@GrainIdHash AS integer)
  AND grain_id_n0 = CAST(@GrainIdN0 AS bigint)
  AND grain_id_n1 = CAST(@GrainIdN1 AS bigint)
  AND grain_type = CAST(@GrainTypeString AS varchar)
  AND grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS varchar), '')
  AND version = CAST(@GrainStateVersion AS integer)
RETURNING version AS "NewGrainStateVersion"
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
