-- RegionGrains on PostgreSQL, part 3 of 4: region state as append-only journal streams (IJournalStorage, see
-- src/RegionGrains.PostgreSql/Journal/PostgreSqlJournalStorage.cs, which runs the statements).
--
-- One row per record keyed by (service, stream, version), the newest snapshot per stream, and the stream's head in
-- a row of its own. An append moves the head from the version the writer read to its last record's in the same
-- statement that inserts the records, and only then: the head row's lock makes a concurrent writer of the same
-- stream wait, re-check and find the head moved, so two activations of one region can never both extend it.

CREATE TABLE IF NOT EXISTS regiongrains_journal_head
(
    service_id varchar(150) NOT NULL,
    stream     varchar(512) NOT NULL,
    head       bigint       NOT NULL,
    PRIMARY KEY (service_id, stream)
);

CREATE TABLE IF NOT EXISTS regiongrains_journal_record
(
    service_id varchar(150) NOT NULL,
    stream     varchar(512) NOT NULL,
    version    bigint       NOT NULL,
    payload    bytea        NOT NULL,
    PRIMARY KEY (service_id, stream, version)
);

CREATE TABLE IF NOT EXISTS regiongrains_journal_snapshot
(
    service_id varchar(150) NOT NULL,
    stream     varchar(512) NOT NULL,
    version    bigint       NOT NULL,
    payload    bytea        NOT NULL,
    PRIMARY KEY (service_id, stream)
);
