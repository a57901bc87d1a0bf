using System.Globalization;
using System.Net;
using RegionGrains.Storage.Tests.Support;

namespace RegionGrains.Storage.Tests.Clustering;

public sealed class SqliteMembershipTableTests : MembershipTableTest
{
    [Fact]
    public async Task AFreshTableIsEmptyAtVersionZero()
    {
        var data = await Table.ReadAllAsync(CancellationToken.None);

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.Equal("0", data.Version.VersionEtag);
    }

    [Fact]
    public async Task InitializingAgainKeepsTheTableAsItIs()
    {
        Assert.True(await Table.InsertRowAsync(MembershipTables.Entry(), (await Table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));

        await using var other = MembershipTables.Create(Directory.Path, ClusterId);
        await other.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        var data = await other.ReadAllAsync(CancellationToken.None);

        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task AnInsertedRowIsReadBackWithEveryField()
    {
        var entry = MembershipTables.Entry(SiloStatus.Active);
        entry.SuspectTimes = [Tuple.Create(SiloAddress.New(IPAddress.Loopback, 11_111, 7), new DateTime(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc))];

        Assert.True(await Table.InsertRowAsync(entry, new TableVersion(1, "0"), CancellationToken.None));
        var row = Assert.Single((await Table.ReadRowAsync(entry.SiloAddress, CancellationToken.None)).Members).Item1;

        Assert.Equal(entry.SiloAddress, row.SiloAddress);
        Assert.Equal(SiloStatus.Active, row.Status);
        Assert.Equal(entry.SiloName, row.SiloName);
        Assert.Equal(entry.HostName, row.HostName);
        Assert.Equal(entry.RoleName, row.RoleName);
        Assert.Equal(entry.ProxyPort, row.ProxyPort);
        Assert.Equal(entry.UpdateZone, row.UpdateZone);
        Assert.Equal(entry.FaultZone, row.FaultZone);
        Assert.Equal(entry.StartTime, row.StartTime);
        Assert.Equal(entry.IAmAliveTime, row.IAmAliveTime);
        var suspect = Assert.Single(Assert.IsType<List<Tuple<SiloAddress, DateTime>>>(row.SuspectTimes));
        Assert.Equal(entry.SuspectTimes[0].Item1, suspect.Item1);
        Assert.Equal(entry.SuspectTimes[0].Item2, suspect.Item2);
    }

    [Fact]
    public async Task ReadRowReturnsOnlyThatSiloWithTheTableVersion()
    {
        var first = MembershipTables.Entry();
        var second = MembershipTables.Entry();
        Assert.True(await Table.InsertRowAsync(first, new TableVersion(1, "0"), CancellationToken.None));
        Assert.True(await Table.InsertRowAsync(second, new TableVersion(2, "1"), CancellationToken.None));

        var data = await Table.ReadRowAsync(second.SiloAddress, CancellationToken.None);
        var missing = await Table.ReadRowAsync(MembershipTables.Entry().SiloAddress, CancellationToken.None);

        Assert.Equal(second.SiloAddress, Assert.Single(data.Members).Item1.SiloAddress);
        Assert.Equal(2, data.Version.Version);
        Assert.Empty(missing.Members);
        Assert.Equal(2, missing.Version.Version);
    }

    [Fact]
    public async Task InsertingTheSameSiloTwiceIsRefused()
    {
        var entry = MembershipTables.Entry();
        Assert.True(await Table.InsertRowAsync(entry, new TableVersion(1, "0"), CancellationToken.None));

        Assert.False(await Table.InsertRowAsync(entry, new TableVersion(2, "1"), CancellationToken.None));

        var data = await Table.ReadAllAsync(CancellationToken.None);
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task InsertWithAStaleTableVersionIsRefused()
    {
        Assert.True(await Table.InsertRowAsync(MembershipTables.Entry(), new TableVersion(1, "0"), CancellationToken.None));

        Assert.False(await Table.InsertRowAsync(MembershipTables.Entry(), new TableVersion(1, "0"), CancellationToken.None));
        Assert.False(await Table.InsertRowAsync(MembershipTables.Entry(), new TableVersion(3, "1"), CancellationToken.None));

        var data = await Table.ReadAllAsync(CancellationToken.None);
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task TheTableVersionAdvancesWithEveryInsertAndUpdate()
    {
        var entry = MembershipTables.Entry();
        Assert.True(await Table.InsertRowAsync(entry, (await Table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));
        var afterInsert = await Table.ReadAllAsync(CancellationToken.None);
        entry.Status = SiloStatus.Active;
        Assert.True(await Table.UpdateRowAsync(entry, afterInsert.Members[0].Item2, afterInsert.Version.Next(), CancellationToken.None));
        var afterUpdate = await Table.ReadAllAsync(CancellationToken.None);

        Assert.Equal(1, afterInsert.Version.Version);
        Assert.Equal(2, afterUpdate.Version.Version);
        Assert.NotEqual(afterInsert.Version.VersionEtag, afterUpdate.Version.VersionEtag);
        Assert.Equal(SiloStatus.Active, afterUpdate.Members[0].Item1.Status);
    }

    [Fact]
    public async Task UpdateWithAStaleETagIsRefused()
    {
        var entry = MembershipTables.Entry();
        var other = MembershipTables.Entry();
        Assert.True(await Table.InsertRowAsync(entry, new TableVersion(1, "0"), CancellationToken.None));
        var stale = await Table.ReadAllAsync(CancellationToken.None);
        Assert.True(await Table.InsertRowAsync(other, stale.Version.Next(), CancellationToken.None));
        var current = await Table.ReadAllAsync(CancellationToken.None);
        entry.Status = SiloStatus.Dead;

        Assert.False(await Table.UpdateRowAsync(entry, stale.Members[0].Item2, current.Version.Next(), CancellationToken.None));
        Assert.False(await Table.UpdateRowAsync(entry, stale.Members[0].Item2, stale.Version.Next(), CancellationToken.None));

        var data = await Table.ReadRowAsync(entry.SiloAddress, CancellationToken.None);
        Assert.Equal(SiloStatus.Joining, Assert.Single(data.Members).Item1.Status);
        Assert.Equal(2, data.Version.Version);
    }

    [Fact]
    public async Task UpdatingASiloWithoutARowIsRefused()
    {
        var data = await Table.ReadAllAsync(CancellationToken.None);

        Assert.False(await Table.UpdateRowAsync(MembershipTables.Entry(), data.Version.VersionEtag, data.Version.Next(), CancellationToken.None));

        Assert.Equal(0, (await Table.ReadAllAsync(CancellationToken.None)).Version.Version);
    }

    [Fact]
    public async Task IAmAliveChangesOnlyTheHeartbeat()
    {
        var entry = MembershipTables.Entry(SiloStatus.Active);
        Assert.True(await Table.InsertRowAsync(entry, new TableVersion(1, "0"), CancellationToken.None));
        var before = await Table.ReadAllAsync(CancellationToken.None);

        var heartbeat = entry.IAmAliveTime.AddSeconds(30);
        entry.IAmAliveTime = heartbeat;
        entry.Status = SiloStatus.Dead;
        await Table.UpdateIAmAliveAsync(entry, CancellationToken.None);
        var after = await Table.ReadAllAsync(CancellationToken.None);

        var row = Assert.Single(after.Members);
        Assert.Equal(heartbeat, row.Item1.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, row.Item1.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Members[0].Item2, row.Item2);

        // A change prepared from the read taken before the heartbeat still goes through.
        Assert.True(await Table.UpdateRowAsync(entry, before.Members[0].Item2, before.Version.Next(), CancellationToken.None));
    }

    [Fact]
    public async Task CleanupRemovesOnlyDeadSilosSilentSinceTheCutoff()
    {
        var cutoff = DateTimeOffset.UtcNow;
        var longDead = MembershipTables.Entry(SiloStatus.Dead, cutoff.UtcDateTime.AddHours(-2));
        var recentlyDead = MembershipTables.Entry(SiloStatus.Dead, cutoff.UtcDateTime.AddMinutes(5));
        var deadButRecentlySuspected = MembershipTables.Entry(SiloStatus.Dead, cutoff.UtcDateTime.AddHours(-2));
        deadButRecentlySuspected.SuspectTimes = [Tuple.Create(longDead.SiloAddress, cutoff.UtcDateTime.AddMinutes(1))];
        var oldButActive = MembershipTables.Entry(SiloStatus.Active, cutoff.UtcDateTime.AddHours(-2));
        var version = 0;
        foreach (var entry in new[] { longDead, recentlyDead, deadButRecentlySuspected, oldButActive })
        {
            Assert.True(await Table.InsertRowAsync(entry, new TableVersion(version + 1, version.ToString(CultureInfo.InvariantCulture)), CancellationToken.None));
            version++;
        }

        await Table.CleanupDefunctSiloEntriesAsync(cutoff, CancellationToken.None);

        var remaining = (await Table.ReadAllAsync(CancellationToken.None)).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal(new HashSet<SiloAddress> { recentlyDead.SiloAddress, deadButRecentlySuspected.SiloAddress, oldButActive.SiloAddress }, remaining);
    }

    [Fact]
    public async Task ClustersSharingTheFileAreKeptApart()
    {
        await using var neighbour = MembershipTables.Create(Directory.Path, $"{ClusterId}-neighbour");
        await neighbour.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        var mine = MembershipTables.Entry();
        var theirs = MembershipTables.Entry();

        Assert.True(await Table.InsertRowAsync(mine, new TableVersion(1, "0"), CancellationToken.None));
        Assert.True(await neighbour.InsertRowAsync(theirs, new TableVersion(1, "0"), CancellationToken.None));

        Assert.Equal(mine.SiloAddress, Assert.Single((await Table.ReadAllAsync(CancellationToken.None)).Members).Item1.SiloAddress);
        Assert.Equal(theirs.SiloAddress, Assert.Single((await neighbour.ReadAllAsync(CancellationToken.None)).Members).Item1.SiloAddress);
    }

    [Fact]
    public async Task DeletingTheClusterEntriesRemovesRowsAndVersion()
    {
        await using var neighbour = MembershipTables.Create(Directory.Path, $"{ClusterId}-neighbour");
        await neighbour.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        Assert.True(await neighbour.InsertRowAsync(MembershipTables.Entry(), new TableVersion(1, "0"), CancellationToken.None));
        Assert.True(await Table.InsertRowAsync(MembershipTables.Entry(), new TableVersion(1, "0"), CancellationToken.None));

        await Table.DeleteMembershipTableEntriesAsync(ClusterId, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Table.ReadAllAsync(CancellationToken.None));
        await Table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        var data = await Table.ReadAllAsync(CancellationToken.None);
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.Single((await neighbour.ReadAllAsync(CancellationToken.None)).Members);
    }

    [Fact]
    public async Task TwoProcessesRacingOnTheSameVersionHaveOneWinner()
    {
        await using var other = MembershipTables.Create(Directory.Path, ClusterId);
        var snapshot = await other.ReadAllAsync(CancellationToken.None);

        var results = await Task.WhenAll(
            Task.Run(() => Table.InsertRowAsync(MembershipTables.Entry(), snapshot.Version.Next(), CancellationToken.None)),
            Task.Run(() => other.InsertRowAsync(MembershipTables.Entry(), snapshot.Version.Next(), CancellationToken.None)));

        Assert.Single(results, won => won);
        var data = await Table.ReadAllAsync(CancellationToken.None);
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task MembershipSurvivesReopeningTheFile()
    {
        var entry = MembershipTables.Entry(SiloStatus.Active);
        Assert.True(await Table.InsertRowAsync(entry, new TableVersion(1, "0"), CancellationToken.None));
        await Table.DisposeAsync();

        Table = MembershipTables.Create(Directory.Path, ClusterId);
        await Table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        var data = await Table.ReadAllAsync(CancellationToken.None);

        Assert.Equal(entry.SiloAddress, Assert.Single(data.Members).Item1.SiloAddress);
        Assert.Equal(1, data.Version.Version);
    }
}
