using Microsoft.Data.Sqlite;
using RegionGrains.Sqlite;
using RegionGrains.Storage.Tests.Support;

namespace RegionGrains.Storage.Tests.Storage;

/// <summary>
/// The journal, grain storage and the membership table of one process open the same file: their writes go through
/// one writer, so they never race each other for SQLite's lock (where the loser waits on a timer and can time out).
/// </summary>
public sealed class SqliteFileWriterTests : IDisposable
{
    private const string Schema = "CREATE TABLE IF NOT EXISTS item (name TEXT NOT NULL PRIMARY KEY);";

    private readonly TempDataDirectory _directory = new();

    [Fact]
    public async Task DatabasesOnOneFileWriteThroughOneWriterThread()
    {
        await using var journal = Open();
        await using var membership = Open();

        var journalThread = await journal.WriteAsync(transaction => Insert(transaction, "journal"));
        var membershipThread = await membership.WriteAsync(transaction => Insert(transaction, "membership"));

        Assert.Equal(journalThread, membershipThread);
        Assert.Equal(2, Count(journal));
    }

    [Fact]
    public async Task ADatabaseWithAWriterOfItsOwnWritesLikeASecondProcess()
    {
        await using var first = Open();
        await using var second = Open(shareWriter: false);

        var firstThread = await first.WriteAsync(transaction => Insert(transaction, "first"));
        var secondThread = await second.WriteAsync(transaction => Insert(transaction, "second"));

        Assert.NotEqual(firstThread, secondThread);
        Assert.Equal(2, Count(first));
    }

    [Fact]
    public async Task TheLastDatabaseToCloseStopsTheWriterAndTheFileCanBeOpenedAgain()
    {
        var first = Open();
        var second = Open();
        await first.WriteAsync(transaction => Insert(transaction, "before"));
        await first.DisposeAsync();
        // A container may dispose a service registered under two types twice; that must not release the writer twice.
        await first.DisposeAsync();

        // The second database still writes: the writer lives while any database on its file does.
        await second.WriteAsync(transaction => Insert(transaction, "while-one-is-open"));
        await second.DisposeAsync();

        await using var reopened = Open();
        await reopened.WriteAsync(transaction => Insert(transaction, "after"));
        Assert.Equal(3, Count(reopened));
    }

    public void Dispose() => _directory.Dispose();

    private SqliteDatabase Open(bool shareWriter = true)
    {
        var database = new SqliteDatabase(_directory.Path, "shared.db", TimeSpan.FromSeconds(5), shareWriter);
        database.EnsureSchema(Schema);
        return database;
    }

    private static int Insert(SqliteTransaction transaction, string name)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO item (name) VALUES ($name);";
        command.Parameters.AddWithValue("$name", name);
        command.ExecuteNonQuery();
        return Environment.CurrentManagedThreadId;
    }

    private static long Count(SqliteDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM item;";
        return (long)command.ExecuteScalar()!;
    }
}
