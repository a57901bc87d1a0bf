-- RegionGrains on PostgreSQL, part 4 of 4: Orleans reminders for Orleans' ADO.NET reminder table.
--
-- Regions wake themselves for what falls due (reservation starts and ends, scheduled changes) through an Orleans
-- reminder, so the reminder table is as durable as the journal. One row per (service, grain, reminder name). The
-- grain's uniform hash (stored as Orleans passes it, a signed integer) lets each silo read the reminders of its own
-- range of the ring. The version is the row's etag: every write moves it on, and a removal names the version it read
-- and removes nothing if the row changed since. Each statement is a single SQL statement, atomic under READ COMMITTED.
-- Periods are milliseconds.

CREATE TABLE IF NOT EXISTS regiongrains_reminders
(
    service_id    varchar(150) NOT NULL,
    grain_id      varchar(150) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time    timestamptz  NOT NULL,
    period        bigint       NOT NULL,
    grain_hash    integer      NOT NULL,
    version       integer      NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS regiongrains_reminders_by_hash ON regiongrains_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Creates or replaces a reminder; answers its new version (the etag).
('UpsertReminderRowKey', $q$
INSERT INTO regiongrains_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (CAST(@ServiceId AS varchar), CAST(@GrainId AS varchar), CAST(@ReminderName AS varchar),
        CAST(@StartTime AS timestamptz), CAST(@Period AS bigint), CAST(@GrainHash AS integer), 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = EXCLUDED.start_time, period = EXCLUDED.period, grain_hash = EXCLUDED.grain_hash,
    version = regiongrains_reminders.version + 1
RETURNING version AS "Version"
$q$),

-- A grain's reminders.
('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM regiongrains_reminders
WHERE service_id = CAST(@ServiceId AS varchar) AND grain_id = CAST(@GrainId AS varchar)
$q$),

-- One reminder of a grain.
('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM regiongrains_reminders
WHERE service_id = CAST(@ServiceId AS varchar) AND grain_id = CAST(@GrainId AS varchar)
  AND reminder_name = CAST(@ReminderName AS varchar)
$q$),

-- The reminders of the ring range (@BeginHash, @EndHash] when it does not wrap around.
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM regiongrains_reminders
WHERE service_id = CAST(@ServiceId AS varchar)
  AND grain_hash > CAST(@BeginHash AS integer) AND grain_hash <= CAST(@EndHash AS integer)
$q$),

-- The reminders of a ring range that wraps around: above @BeginHash or up to @EndHash.
('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM regiongrains_reminders
WHERE service_id = CAST(@ServiceId AS varchar)
  AND (grain_hash > CAST(@BeginHash AS integer) OR grain_hash <= CAST(@EndHash AS integer))
$q$),

-- Removes a reminder only at the version the caller read; answers how many rows went (1 or 0).
('DeleteReminderRowKey', $q$
WITH removed AS (
    DELETE FROM regiongrains_reminders
    WHERE service_id = CAST(@ServiceId AS varchar) AND grain_id = CAST(@GrainId AS varchar)
      AND reminder_name = CAST(@ReminderName AS varchar) AND version = CAST(@Version AS integer)
    RETURNING 1)
SELECT count(*)::integer FROM removed
$q$),

-- Every reminder of the service (Orleans calls it only from tests).
('DeleteReminderRowsKey', $q$
DELETE FROM regiongrains_reminders WHERE service_id = CAST(@ServiceId AS varchar)
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
