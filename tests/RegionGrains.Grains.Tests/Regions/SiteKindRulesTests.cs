using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>The site-kind rules of <see cref="RegionRules"/>, table-driven on pure state: no cluster.</summary>
public sealed class SiteKindRulesTests
{
    private static readonly RegionRules Rules = new(new RegionGrainOptions());
    private static readonly ChangeContext Context = new(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero), "tester");

    private static RegionDefinition DataCenter => new("Data center", "DE", Geography.Europe, 50.11, 8.68);

    private static RegionDefinition ServiceCenter => new("Service center", "ID", Geography.AsiaPacific, -6.2, 106.8, SiteKind.ServiceCenter, ["id", "en"], "24/7");

    public static TheoryData<string, SiteKind, string[]?, string?> ValidSites() => new()
    {
        { "a data center with no site fields", SiteKind.DataCenter, null, null },
        { "a data center with an empty language list", SiteKind.DataCenter, [], null },
        { "a service center open around the clock", SiteKind.ServiceCenter, ["id", "en"], "24/7" },
        { "a service center with opening hours and a time zone", SiteKind.ServiceCenter, ["de"], "Mo-Fr 08:00-18:00 Europe/Berlin" },
    };

    public static TheoryData<string, SiteKind, string[]?, string?, string> InvalidSites() => new()
    {
        { "a data center with languages", SiteKind.DataCenter, ["en"], null, "languages" },
        { "a data center with support hours", SiteKind.DataCenter, null, "24/7", "supportHours" },
        { "a service center without languages", SiteKind.ServiceCenter, null, "24/7", "languages" },
        { "a service center with an empty language list", SiteKind.ServiceCenter, [], "24/7", "languages" },
        { "a service center without support hours", SiteKind.ServiceCenter, ["en"], null, "supportHours" },
        { "blank support hours", SiteKind.ServiceCenter, ["en"], "  ", "supportHours" },
        { "support hours with a line break", SiteKind.ServiceCenter, ["en"], "24/7\n", "supportHours" },
        { "support hours over 100 characters", SiteKind.ServiceCenter, ["en"], new string('x', 101), "supportHours" },
        { "an upper-case language code", SiteKind.ServiceCenter, ["EN"], "24/7", "languages" },
        { "a three-letter language code", SiteKind.ServiceCenter, ["eng"], "24/7", "languages" },
        { "a language code with a trailing newline", SiteKind.ServiceCenter, ["en\n"], "24/7", "languages" },
        { "a language listed twice", SiteKind.ServiceCenter, ["en", "de", "en"], "24/7", "languages" },
        { "more than 32 languages", SiteKind.ServiceCenter, [.. Enumerable.Range(0, 33).Select(i => $"{(char)('a' + (i / 26))}{(char)('a' + (i % 26))}")], "24/7", "languages" },
        { "an undefined kind", (SiteKind)7, null, null, "kind" },
    };

    public static TheoryData<RegionStatus> Statuses() => [.. Enum.GetValues<RegionStatus>()];

    [Theory]
    [MemberData(nameof(ValidSites))]
    public void AValidSiteIsCreated(string because, SiteKind kind, string[]? languages, string? supportHours)
    {
        var definition = DataCenter with { Kind = kind, Languages = languages is null ? default : [.. languages], SupportHours = supportHours };

        var decision = Rules.Define(RegionState.Empty, definition, null, Context);

        Assert.True(decision.Outcome == RegionOutcome.Created, $"{because}: {decision.Detail}");
        Assert.Equal(kind, decision.Next!.Definition!.Kind);
    }

    [Theory]
    [MemberData(nameof(InvalidSites))]
    public void AnInvalidSiteIsRefusedNamingTheField(string because, SiteKind kind, string[]? languages, string? supportHours, string field)
    {
        var definition = DataCenter with { Kind = kind, Languages = languages is null ? default : [.. languages], SupportHours = supportHours };

        var decision = Rules.Define(RegionState.Empty, definition, null, Context);

        Assert.True(decision.Outcome == RegionOutcome.Invalid, $"{because}: got {decision.Outcome}");
        Assert.Null(decision.Changes);
        Assert.Contains(field, decision.Detail, StringComparison.Ordinal);
        var siteProblems = SiteRules.Problems(kind, languages, supportHours).ToArray();
        if (Enum.IsDefined(kind))
        {
            Assert.Equal(field, Assert.Single(siteProblems).Field);
        }
        else
        {
            // An unknown kind is reported once, as itself, not also as every site field it would need.
            Assert.Empty(siteProblems);
        }
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void AServiceCenterRefusesCapacityAndReservationsInEveryStatus(RegionStatus status)
    {
        var state = Defined(ServiceCenter, status);

        var capacity = Rules.SetCapacity(state, "gpus", 10, Context);
        var reservation = Rules.Reserve(state, new ReservationRequest("r-1", "gpus", 1), Context);

        Assert.Equal(RegionOutcome.NotADataCenter, capacity.Outcome);
        Assert.Equal(RegionOutcome.NotADataCenter, reservation.Outcome);
        Assert.Null(capacity.Changes);
        Assert.Null(reservation.Changes);
        Assert.Contains("ServiceCenter, not a data center", capacity.Detail, StringComparison.Ordinal);
        Assert.Equal(capacity.Detail, reservation.Detail);
    }

    [Fact]
    public void InputErrorsAreReportedBeforeTheKindRefusal()
    {
        var state = Defined(ServiceCenter, RegionStatus.Online);

        Assert.Equal(RegionOutcome.Invalid, Rules.SetCapacity(state, "GPUs", 10, Context).Outcome);
        Assert.Equal(RegionOutcome.Invalid, Rules.Reserve(state, new ReservationRequest("r-1", "gpus", 0), Context).Outcome);
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void AServiceCenterFollowsTheSameLifecycleTable(RegionStatus from)
    {
        var state = Defined(ServiceCenter, from);

        foreach (var to in Enum.GetValues<RegionStatus>())
        {
            var decision = Rules.ChangeStatus(state, to, "test", Context);
            var expected = RegionLifecycle.CanMove(from, to) ? RegionOutcome.Ok : RegionOutcome.InvalidTransition;
            Assert.True(decision.Outcome == expected, $"{from} -> {to}: expected {expected}, got {decision.Outcome}");
        }
    }

    [Fact]
    public void ADataCenterCannotBecomeAServiceCenter()
    {
        var state = Defined(DataCenter, RegionStatus.Planned);

        var decision = Rules.Define(state, ServiceCenter, null, Context);

        Assert.Equal(RegionOutcome.KindChangeRefused, decision.Outcome);
        Assert.Contains("DataCenter", decision.Detail, StringComparison.Ordinal);
        Assert.Null(decision.Changes);
    }

    [Fact]
    public void AServiceCenterCannotBecomeADataCenter()
    {
        var state = Defined(ServiceCenter, RegionStatus.Online);

        // What a client written before kinds existed sends: no kind, no site fields.
        var decision = Rules.Define(state, ServiceCenter with { Kind = SiteKind.DataCenter, Languages = default, SupportHours = null }, null, Context);

        Assert.Equal(RegionOutcome.KindChangeRefused, decision.Outcome);
        Assert.Null(decision.Changes);
    }

    [Fact]
    public void AServiceCenterCanChangeItsLanguagesAndHours()
    {
        var state = Defined(ServiceCenter, RegionStatus.Online);

        var decision = Rules.Define(state, ServiceCenter with { Languages = ["id", "en", "ms"], SupportHours = "Mo-Su 06:00-24:00 Asia/Jakarta" }, null, Context);

        Assert.Equal(RegionOutcome.Ok, decision.Outcome);
        Assert.Equal("id en ms", string.Join(" ", decision.Next!.Definition!.LanguageList));
        Assert.Equal(RegionStatus.Online, decision.Next.Status);
    }

    [Fact]
    public void DefiningAnEqualServiceCenterAgainChangesNothing()
    {
        var state = Defined(ServiceCenter, RegionStatus.Online);

        // Built from fresh arrays: equal by value, not by reference.
        var again = ServiceCenter with { Languages = ["id", "en"] };
        var decision = Rules.Define(state, again, null, Context);

        Assert.Equal(RegionOutcome.Ok, decision.Outcome);
        Assert.Null(decision.Changes);
    }

    [Fact]
    public void DefinitionsAreEqualByTheirLanguagesInOrder()
    {
        Assert.Equal(ServiceCenter, ServiceCenter with { Languages = ["id", "en"] });
        Assert.Equal(ServiceCenter.GetHashCode(), (ServiceCenter with { Languages = ["id", "en"] }).GetHashCode());
        Assert.NotEqual(ServiceCenter, ServiceCenter with { Languages = ["en", "id"] });
        Assert.NotEqual(ServiceCenter, ServiceCenter with { Languages = ["id"] });

        // What a definition written before kinds existed decodes to: default languages, equal to none.
        Assert.Equal(DataCenter with { Languages = default }, DataCenter with { Languages = [] });
        Assert.Equal((DataCenter with { Languages = default }).GetHashCode(), (DataCenter with { Languages = [] }).GetHashCode());
    }

    [Fact]
    public void SeedingAServiceCenterWithCapacityIsInvalid()
    {
        var decision = Rules.Seed(RegionState.Empty, ServiceCenter, RegionStatus.Online, new Dictionary<string, long> { ["racks"] = 10 }, Context);

        Assert.Equal(RegionOutcome.Invalid, decision.Outcome);
        Assert.Contains("no capacity pools", decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void SeedingAServiceCenterWithoutCapacityCreatesItInItsStatus()
    {
        var decision = Rules.Seed(RegionState.Empty, ServiceCenter, RegionStatus.Online, new Dictionary<string, long>(), Context);

        Assert.Equal(RegionOutcome.Created, decision.Outcome);
        Assert.Equal(RegionStatus.Online, decision.Next!.Status);
        Assert.Empty(decision.Next.Capacity);
        Assert.Equal("Seeded from the catalog as Service center (ID), service center (id, en; 24/7), Online", decision.Changes!.Single().Describe());
    }

    private static RegionState Defined(RegionDefinition definition, RegionStatus status) =>
        RegionState.Empty with { Definition = definition, Status = status, Version = 3 };
}
