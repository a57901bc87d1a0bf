using RegionGrains.Sqlite.Clustering;
using RegionGrains.Storage.Tests.Support;

namespace RegionGrains.Storage.Tests.Clustering;

/// <summary>
/// The scenarios Orleans runs against every membership table provider (its <c>MembershipTableTestsBase</c>), written
/// here for <see cref="SqliteMembershipTable"/> against a real SQLite file. Orleans' scenarios map to tests as follows:
/// ReadAll_EmptyTable, InsertRow and ReadAll_Insert_ReadAll to <c>SqliteMembershipTableTests.AFreshTableIsEmptyAtVersionZero</c>,
/// <c>TheTableVersionAdvancesWithEveryInsertAndUpdate</c> and <see cref="AnInsertIsReadBackByReadAllAndReadRowWithTheNewVersion"/>;
/// ReadRow_Insert_Read to <see cref="AnInsertIsReadBackByReadAllAndReadRowWithTheNewVersion"/> and
/// <c>SqliteMembershipTableTests.InsertingTheSameSiloTwiceIsRefused</c>, <c>InsertWithAStaleTableVersionIsRefused</c>;
/// GetGateways to <c>SqliteGatewayListProviderTests.OnlyActiveSilosWithAGatewayPortAreListed</c>;
/// UpdateRow, UpdateRowInParallel, UpdateIAmAlive and CleanupDefunctSiloEntries to the tests below.
/// </summary>
public sealed class MembershipTableConformanceTests : MembershipTableTest
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AnInsertIsReadBackByReadAllAndReadRowWithTheNewVersion()
    {
        var empty = await Table.ReadAllAsync(CancellationToken.None);
        var proposed = empty.Version.Next();
        var entry = MembershipTables.Entry();

        Assert.True(await Table.InsertRowAsync(entry, proposed, CancellationToken.None));
        var all = await Table.ReadAllAsync(CancellationToken.None);
        var row = await Table.ReadRowAsync(entry.SiloAddress, CancellationToken.None);

        foreach (var data in new[] { all, row })
        {
            Assert.Equal(proposed.Version, data.Version.Version);
            // The etag a writer proposed with is the one it read; the table's etag after the write is a new one.
            Assert.NotEqual(proposed.VersionEtag, data.Version.VersionEtag);
            var (read, etag) = Assert.Single(data.Members);
            Assert.Equal(entry.SiloAddress, read.SiloAddress);
            Assert.False(string.IsNullOrEmpty(etag));
        }
    }

    [Fact]
    public async Task AnUpdateNeedsTheNextVersionAndTheRowETagOfTheSameRead()
    {
        var data = await Table.ReadAllAsync(CancellationToken.None);
        for (var silos = 1; silos <= 9; silos++)
        {
            var entry = MembershipTables.Entry();
            entry.SuspectTimes = [Tuple.Create(MembershipTables.Entry().SiloAddress, DateTime.UtcNow)];
            var inserted = data.Version.Next();
            Assert.True(await Table.InsertRowAsync(entry, inserted, CancellationToken.None));
            data = await Table.ReadAllAsync(CancellationToken.None);
            var etag = RowETag(data, entry.SiloAddress);

            // The version the insert used is spent: proposing it again is refused even with the current row etag.
            Assert.False(await Table.UpdateRowAsync(entry, etag, inserted, CancellationToken.None));

            entry.Status = SiloStatus.Active;
            var updated = data.Version.Next();
            Assert.True(await Table.UpdateRowAsync(entry, etag, updated, CancellationToken.None));

            // Spent too once used: the same etag and version again, or the new etag with the spent version.
            Assert.False(await Table.UpdateRowAsync(entry, etag, updated, CancellationToken.None));
            data = await Table.ReadAllAsync(CancellationToken.None);
            var newETag = RowETag(data, entry.SiloAddress);
            Assert.False(await Table.UpdateRowAsync(entry, newETag, updated, CancellationToken.None));

            data = await Table.ReadAllAsync(CancellationToken.None);
            Assert.Equal(newETag, RowETag(data, entry.SiloAddress));
            Assert.Equal(updated.Version, data.Version.Version);
            Assert.Equal(silos, data.Members.Count);
            Assert.Equal(SiloStatus.Active, Row(data, entry.SiloAddress).Item1.Status);
        }

        Assert.Equal(18, data.Version.Version);
    }

    [Fact]
    public async Task ConcurrentInsertsOfOneSiloHaveOneWinnerAndEveryRetryingUpdaterLandsOnce()
    {
        // Half the writers go through a second table on the same file, as a second silo process would.
        await using var otherProcess = MembershipTables.Create(Directory.Path, ClusterId);
        var tables = new[] { Table, otherProcess };
        var entry = MembershipTables.Entry();
        var start = (await Table.ReadAllAsync(CancellationToken.None)).Version.Next();

        var inserts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => tables[i % 2].InsertRowAsync(entry, start, CancellationToken.None))));
        Assert.Single(inserts, won => won);

        using var bound = new CancellationTokenSource(Bound);
        var updaters = Task.WhenAll(Enumerable.Range(0, 19).Select(i => Task.Run(async () =>
        {
            // Read, propose the next version, and start over when another writer got there first.
            var table = tables[i % 2];
            while (!bound.IsCancellationRequested)
            {
                var data = await table.ReadAllAsync(bound.Token);
                var (row, etag) = Row(data, entry.SiloAddress);
                if (await table.UpdateRowAsync(row, etag, data.Version.Next(), bound.Token))
                {
                    return;
                }

                await Task.Yield();
            }

            Assert.Fail($"An updater did not land within {Bound.TotalSeconds} s while 18 others competed.");
        })));
        await updaters;

        var final = await Table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(20, final.Version.Version);
        Assert.Single(final.Members);
    }

    [Fact]
    public async Task AHeartbeatCarryingOnlyAddressAndTimeChangesNothingElse()
    {
        var entry = MembershipTables.Entry();
        entry.SuspectTimes = [Tuple.Create(MembershipTables.Entry().SiloAddress, DateTime.UtcNow)];
        Assert.True(await Table.InsertRowAsync(entry, new TableVersion(1, "0"), CancellationToken.None));
        var before = await Table.ReadAllAsync(CancellationToken.None);

        // What Orleans' membership agent sends: the silo's address and the time, every other field at its default.
        var heartbeat = DateTime.UtcNow.AddSeconds(5);
        await Table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = heartbeat }, CancellationToken.None);
        var after = await Table.ReadAllAsync(CancellationToken.None);

        var (row, etag) = Assert.Single(after.Members);
        Assert.Equal(heartbeat, row.IAmAliveTime);
        Assert.Equal(Canonical(before.Members[0].Item1), Canonical(row));
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Members[0].Item2, etag);

        // A change prepared from the read before the heartbeat still goes through, and moves the version on.
        entry.Status = SiloStatus.Active;
        Assert.True(await Table.UpdateRowAsync(entry, before.Members[0].Item2, before.Version.Next(), CancellationToken.None));
        var updated = await Table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(before.Version.Version + 1, updated.Version.Version);
        Assert.NotEqual(before.Version.VersionEtag, updated.Version.VersionEtag);
        Assert.Equal(Canonical(entry), Canonical(Assert.Single(updated.Members).Item1));
    }

    [Fact]
    public async Task CleanupRemovesOnlyLongDeadSilosWhateverElseTheTableHoldsAndRepeatingItChangesNothing()
    {
        var longAgo = DateTime.UtcNow.AddDays(-10);
        var entries = new List<MembershipEntry>
        {
            MembershipTables.Entry(SiloStatus.Dead, longAgo),
            MembershipTables.Entry(SiloStatus.Active, longAgo),
            MembershipTables.Entry(SiloStatus.Active),
        };
        entries.AddRange(Enum.GetValues<SiloStatus>().Where(s => s != SiloStatus.None).Select(s => MembershipTables.Entry(s, longAgo)));
        var data = await Table.ReadAllAsync(CancellationToken.None);
        foreach (var entry in entries)
        {
            Assert.True(await Table.InsertRowAsync(entry, data.Version.Next(), CancellationToken.None));
            data = await Table.ReadAllAsync(CancellationToken.None);
        }

        var expected = data.Members.Where(m => m.Item1.Status != SiloStatus.Dead).Select(m => Canonical(m.Item1)).OrderBy(c => c.Address, StringComparer.Ordinal).ToList();

        await Table.CleanupDefunctSiloEntriesAsync(longAgo.AddDays(3), CancellationToken.None);
        var cleaned = await Table.ReadAllAsync(CancellationToken.None);
        await Table.CleanupDefunctSiloEntriesAsync(longAgo.AddDays(3), CancellationToken.None);
        var again = await Table.ReadAllAsync(CancellationToken.None);

        Assert.Equal(expected, cleaned.Members.Select(m => Canonical(m.Item1)).OrderBy(c => c.Address, StringComparer.Ordinal).ToList());
        Assert.Equal(data.Version, cleaned.Version);
        Assert.Equal(cleaned.Version, again.Version);
        Assert.Equal(expected, again.Members.Select(m => Canonical(m.Item1)).OrderBy(c => c.Address, StringComparer.Ordinal).ToList());
    }

    private static Tuple<MembershipEntry, string> Row(MembershipTableData data, SiloAddress silo) =>
        data.TryGet(silo) ?? throw new InvalidOperationException($"{silo} has no row in the table read at version {data.Version}.");

    private static string RowETag(MembershipTableData data, SiloAddress silo) => Row(data, silo).Item2;

    /// <summary>Everything of an entry but its heartbeat, in a form that compares by value.</summary>
    private static CanonicalEntry Canonical(MembershipEntry entry) => new(
        entry.SiloAddress.ToParsableString(),
        entry.Status,
        entry.SiloName,
        entry.HostName,
        entry.RoleName ?? string.Empty,
        entry.ProxyPort,
        entry.UpdateZone,
        entry.FaultZone,
        entry.StartTime,
        string.Join(";", (entry.SuspectTimes ?? []).Select(s => $"{s.Item1.ToParsableString()}@{s.Item2.Ticks}").Order(StringComparer.Ordinal)));

    private sealed record CanonicalEntry(
        string Address,
        SiloStatus Status,
        string SiloName,
        string HostName,
        string RoleName,
        int ProxyPort,
        int UpdateZone,
        int FaultZone,
        DateTime StartTime,
        string Suspects);
}
