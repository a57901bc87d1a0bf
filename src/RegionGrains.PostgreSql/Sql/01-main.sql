-- RegionGrains on PostgreSQL, part 1 of 4: the query table.
--
-- Orleans' ADO.NET providers carry no SQL of their own. At start they read every statement they run from one
-- table, `SELECT QueryKey, QueryText FROM OrleansQuery`, and bind their parameters by name (@DeploymentId, ...).
-- The next three files create this project's tables and store its statements there.
--
-- Every file is idempotent (IF NOT EXISTS, upserts of the statements), so a silo runs all four at start-up under
-- an advisory lock (src/RegionGrains.PostgreSql/PostgreSqlSchema.cs), and an operator may run them by hand:
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f 01-main.sql -f 02-clustering.sql -f 03-journal.sql -f 04-reminders.sql

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
