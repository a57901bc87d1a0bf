-- RegionGrains on PostgreSQL, part 2 of 4: cluster membership for Orleans' ADO.NET clustering provider.
--
-- One version row per cluster (Orleans' "deployment"): every change of a member row bumps it, and a change is
-- made only when the caller's version is still current, which is how Orleans serializes membership changes
-- between silos. Each statement is a single SQL statement (no stored function), so it runs atomically under
-- PostgreSQL's default READ COMMITTED isolation: the UPDATE of the version row locks it, re-checks the version
-- once a concurrent writer has committed, and the member row is written only through that UPDATE's result.
-- Timestamps are timestamptz; statuses are Orleans' SiloStatus numbers (3 Active, 6 Dead).

CREATE TABLE IF NOT EXISTS regiongrains_membership_version
(
    deployment_id varchar(150) NOT NULL PRIMARY KEY,
    changed_at    timestamptz  NOT NULL DEFAULT now(),
    version       integer      NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS regiongrains_membership
(
    deployment_id   varchar(150)  NOT NULL REFERENCES regiongrains_membership_version (deployment_id),
    address         varchar(45)   NOT NULL,
    port            integer       NOT NULL,
    generation      integer       NOT NULL,
    silo_name       varchar(150)  NOT NULL,
    host_name       varchar(150)  NOT NULL,
    status          integer       NOT NULL,
    proxy_port      integer       NULL,
    suspect_times   varchar(8000) NULL,
    start_time      timestamptz   NOT NULL,
    i_am_alive_time timestamptz   NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- The cluster's version row, created once; answers whether this call created it.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO regiongrains_membership_version (deployment_id)
    VALUES (CAST(@DeploymentId AS varchar))
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM created
$q$),

-- A silo's heartbeat; Orleans does not check the outcome.
('UpdateIAmAlivetimeKey', $q$
UPDATE regiongrains_membership
SET i_am_alive_time = CAST(@IAmAliveTime AS timestamptz)
WHERE deployment_id = CAST(@DeploymentId AS varchar)
  AND address = CAST(@Address AS varchar)
  AND port = CAST(@Port AS integer)
  AND generation = CAST(@Generation AS integer)
$q$),

-- A new member: the version moves on only if it is still @Version and no row has this silo's key yet, and the row
-- is inserted only through that move, so either both happen or neither does. Answers 1 or 0.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE regiongrains_membership_version v
    SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = CAST(@DeploymentId AS varchar)
      AND v.version = CAST(@Version AS integer)
      AND NOT EXISTS (
          SELECT 1 FROM regiongrains_membership m
          WHERE m.deployment_id = CAST(@DeploymentId AS varchar)
            AND m.address = CAST(@Address AS varchar)
            AND m.port = CAST(@Port AS integer)
            AND m.generation = CAST(@Generation AS integer))
    RETURNING v.deployment_id),
inserted AS (
    INSERT INTO regiongrains_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT b.deployment_id, CAST(@Address AS varchar), CAST(@Port AS integer), CAST(@Generation AS integer),
           CAST(@SiloName AS varchar), CAST(@HostName AS varchar), CAST(@Status AS integer), CAST(@ProxyPort AS integer),
           CAST(@StartTime AS timestamptz), CAST(@IAmAliveTime AS timestamptz)
    FROM bumped b
    RETURNING 1)
SELECT count(*)::integer FROM inserted
$q$),

-- A member's change (status, suspicions, heartbeat), under the same rule as an insert. Answers 1 or 0.
('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE regiongrains_membership_version v
    SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = CAST(@DeploymentId AS varchar)
      AND v.version = CAST(@Version AS integer)
      AND EXISTS (
          SELECT 1 FROM regiongrains_membership m
          WHERE m.deployment_id = CAST(@DeploymentId AS varchar)
            AND m.address = CAST(@Address AS varchar)
            AND m.port = CAST(@Port AS integer)
            AND m.generation = CAST(@Generation AS integer))
    RETURNING v.deployment_id),
updated AS (
    UPDATE regiongrains_membership m
    SET status = CAST(@Status AS integer),
        suspect_times = CAST(@SuspectTimes AS varchar),
        i_am_alive_time = CAST(@IAmAliveTime AS timestamptz)
    FROM bumped b
    WHERE m.deployment_id = b.deployment_id
      AND m.address = CAST(@Address AS varchar)
      AND m.port = CAST(@Port AS integer)
      AND m.generation = CAST(@Generation AS integer)
    RETURNING 1)
SELECT count(*)::integer FROM updated
$q$),

-- One member and the table version. The outer join returns the version even when the member has no row.
('MembershipReadRowKey', $q$
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
FROM regiongrains_membership_version v
LEFT JOIN regiongrains_membership m
       ON m.deployment_id = v.deployment_id
      AND m.address = CAST(@Address AS varchar)
      AND m.port = CAST(@Port AS integer)
      AND m.generation = CAST(@Generation AS integer)
WHERE v.deployment_id = CAST(@DeploymentId AS varchar)
$q$),

-- Every member and the table version.
('MembershipReadAllKey', $q$
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
FROM regiongrains_membership_version v
LEFT JOIN regiongrains_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = CAST(@DeploymentId AS varchar)
$q$),

-- The whole cluster's rows (used by tests and tooling that reset a cluster).
('DeleteMembershipTableEntriesKey', $q$
WITH members AS (
    DELETE FROM regiongrains_membership WHERE deployment_id = CAST(@DeploymentId AS varchar))
DELETE FROM regiongrains_membership_version WHERE deployment_id = CAST(@DeploymentId AS varchar)
$q$),

-- The gateways a client may connect to: the Active silos with a client port.
('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM regiongrains_membership
WHERE deployment_id = CAST(@DeploymentId AS varchar)
  AND status = CAST(@Status AS integer)
  AND proxy_port > 0
$q$),

-- Removal of dead members whose heartbeat is older than the cut-off (never an Active one).
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM regiongrains_membership
WHERE deployment_id = CAST(@DeploymentId AS varchar)
  AND i_am_alive_time < CAST(@IAmAliveTime AS timestamptz)
  AND status = 6
$q$),

-- Removal of one dead member that Orleans has judged expired.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM regiongrains_membership
WHERE deployment_id = CAST(@DeploymentId AS varchar)
  AND address = CAST(@Address AS varchar)
  AND port = CAST(@Port AS integer)
  AND generation = CAST(@Generation AS integer)
  AND status = 6
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
