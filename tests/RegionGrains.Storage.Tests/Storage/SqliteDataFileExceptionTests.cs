using Microsoft.Data.Sqlite;
using RegionGrains.Sqlite;

namespace RegionGrains.Storage.Tests.Storage;

/// <summary>
/// What an operator is told when the data file cannot be used, by SQLite's result code. A file that is not a database
/// and a directory that cannot be created are tried for real in the cluster tests' <c>StartupTests</c>, a full disk and
/// a read-only data directory in their <c>StorageFaultTests</c> (on file systems mounted for it, as root); an I/O error
/// reads as a full disk when the file's directory has no free space left, which those tests check too.
/// </summary>
public sealed class SqliteDataFileExceptionTests
{
    private const string File = "/srv/data/regiongrains.db";

    public static TheoryData<Exception, string> Explained() => new()
    {
        { new SqliteException("file is not a database", 26), "it is not a SQLite database, or it is damaged." },
        { new SqliteException("database disk image is malformed", 11), "it is not a SQLite database, or it is damaged." },
        { new SqliteException("attempt to write a readonly database", 8), "this process may not write it or its directory." },
        { new UnauthorizedAccessException("Access to the path is denied."), "this process may not write it or its directory." },
        { new SqliteException("unable to open database file", 14), "it cannot be opened or created." },
        { new SqliteException("database or disk is full", 13), "the disk is full." },
        { new SqliteException("disk I/O error", 10), "the disk reported an I/O error (disk I/O error)." },
    };

    [Theory]
    [MemberData(nameof(Explained))]
    public void AFileLevelFailureNamesTheFileAndTheCause(Exception cause, string expected)
    {
        var explained = SqliteDataFileException.For(File, cause);

        Assert.NotNull(explained);
        Assert.StartsWith($"The data file '{File}' cannot be used: {expected}", explained.Message, StringComparison.Ordinal);
        Assert.Same(cause, explained.InnerException);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(19)]
    public void AFailureOfAStatementIsNotAboutTheFile(int code) =>
        Assert.Null(SqliteDataFileException.For(File, new SqliteException("a statement failed", code)));
}
