using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Orleans.Storage;
using RegionGrains.Journal;

namespace RegionGrains.Sqlite;

/// <summary>
/// Serializes writes to one database through a single writer that commits queued writes together (group commit).
/// </summary>
/// <remarks>
/// With synchronous=FULL every commit costs an fsync, and SQLite admits one writer at a time anyway; letting many
/// connections race for the lock would block a thread per waiter (Microsoft.Data.Sqlite is synchronous) and pay an fsync each.
/// Here callers wait asynchronously, and one transaction carries every write queued meanwhile. No caller's task completes
/// before the transaction holding its write has committed, so acknowledged writes are durable.
/// Other processes on the same file still contend through SQLite's lock and busy_timeout.
/// The writer keeps its connection and its prepared statements between batches: preparing a statement costs
/// more than running a small insert, and a journal append is one small insert.
/// The writer is a thread of its own, not a thread-pool thread: Microsoft.Data.Sqlite blocks for the statements and
/// the fsync of every commit, and a pool thread blocked there is one fewer for the grains (on a 2-core silo, half of
/// the pool's threads at its minimum), which makes the pool inject threads that then spin when work runs out.
/// </remarks>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    // Bounds how long one batch holds the write lock that other processes wait on.
    private const int MaxBatchSize = 256;

    private readonly Channel<PendingWrite> _channel = Channel.CreateUnbounded<PendingWrite>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly Func<SqliteConnection> _open;
    private readonly Thread _writer;
    private SqliteWriteBatch? _session;

    public SqliteWriteQueue(Func<SqliteConnection> open)
    {
        _open = open;
        _writer = new Thread(Run) { IsBackground = true, Name = "SQLite writer" };
        _writer.Start();
    }

    public Task<T> EnqueueAsync<T>(Func<SqliteWriteBatch, T> work)
    {
        var write = new PendingWrite<T>(work);
        if (!_channel.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteWriteQueue), "The SQLite database has been disposed; no more writes are accepted.");
        }

        return write.Task;
    }

    public async ValueTask DisposeAsync()
    {
        // Writes already queued are still committed before the writer stops.
        _channel.Writer.TryComplete();
        await Task.Factory.StartNew(_writer.Join, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        _session?.Dispose();
        _session = null;
    }

    private void Run()
    {
        var batch = new List<PendingWrite>(MaxBatchSize);
        while (WaitForWrites())
        {
            while (batch.Count < MaxBatchSize && _channel.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            Commit(batch);
            batch.Clear();
        }
    }

    /// <summary>Blocks this thread until a write is queued; false once the queue is completed and empty.</summary>
    private bool WaitForWrites()
    {
        var wait = _channel.Reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void Commit(List<PendingWrite> batch)
    {
        while (batch.Count > 0)
        {
            PendingWrite? failed = null;
            try
            {
                _session ??= new SqliteWriteBatch(_open());
                using var transaction = _session.Begin();
                foreach (var write in batch)
                {
                    if (!write.TryExecute(_session))
                    {
                        failed = write;
                        break;
                    }
                }

                if (failed is null)
                {
                    transaction.Commit();
                }
            }
            catch (Exception exception)
            {
                // Opening, beginning or committing failed: nothing in this batch is durable, so every caller sees the error.
                // The connection may be broken; the next batch opens a fresh one.
                _session?.Dispose();
                _session = null;
                foreach (var write in batch)
                {
                    write.Fail(exception);
                }

                return;
            }

            if (failed is null)
            {
                foreach (var write in batch)
                {
                    write.Complete();
                }

                return;
            }

            // One write hit a real error and the transaction was rolled back; the others did nothing wrong,
            // so they run again in a fresh transaction without it. Each round removes one write, so this ends.
            batch.Remove(failed);
            failed.Complete();
        }
    }

    private abstract class PendingWrite
    {
        /// <summary>Runs the write; false when it failed with an error that must roll the transaction back.</summary>
        public abstract bool TryExecute(SqliteWriteBatch batch);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<SqliteWriteBatch, T> work) : PendingWrite
    {
        // A grain awaiting its write resumes on its activation's scheduler whatever thread completes the task, so
        // completing it here costs the writer only the queueing of that continuation and saves a thread-pool hop per
        // write. Any other caller could run its continuation on the writer thread (and, waiting for another write
        // there, never wake), so its continuation is sent to the thread pool.
        private readonly TaskCompletionSource<T> _completion = new(
            TaskScheduler.Current == TaskScheduler.Default ? TaskCreationOptions.RunContinuationsAsynchronously : TaskCreationOptions.None);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _completion.Task;

        public override bool TryExecute(SqliteWriteBatch batch)
        {
            _result = default;
            _error = null;
            try
            {
                _result = work(batch);
                return true;
            }
            catch (Exception exception) when (exception is InconsistentStateException or JournalConflictException)
            {
                // A refused etag or version check writes nothing, so the rest of the batch can still commit.
                _error = exception;
                return true;
            }
            catch (Exception exception)
            {
                _error = exception;
                return false;
            }
        }

        public override void Complete()
        {
            if (_error is not null)
            {
                _completion.TrySetException(_error);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
