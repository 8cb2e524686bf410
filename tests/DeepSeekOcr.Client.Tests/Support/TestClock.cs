using Microsoft.Extensions.Time.Testing;

namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>
/// A fake clock that also tells when the client sets a timer (a backoff wait, a deadline, the idle watchdog being
/// armed) and for how long, so a test moves time exactly when the client waits and by exactly the wait asked for.
/// </summary>
internal sealed class TestClock : FakeTimeProvider
{
    // How long a test waits, on the real clock, for the client to set a timer before it fails instead of hanging.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly List<TimeSpan> _set = [];
    private readonly SemaphoreSlim _changed = new(0);

    /// <summary>How many timers have been set to go off after <paramref name="due"/> so far.</summary>
    public int Count(TimeSpan due)
    {
        lock (_set)
        {
            return _set.Count(d => d == due);
        }
    }

    /// <summary>The due time of the <paramref name="occurrence"/>-th timer set that <paramref name="match"/> accepts, once it is set.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match, int occurrence = 1)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            lock (_set)
            {
                var matching = _set.Where(match).ToList();
                if (matching.Count >= occurrence)
                {
                    return matching[occurrence - 1];
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left))
            {
                Assert.Fail($"the client set no timer #{occurrence} of the kind expected within {Patience.TotalSeconds} s; timers set: {string.Join(", ", SetSoFar())}");
            }
        }
    }

    public Task WaitForTimerAsync(TimeSpan due, int occurrence = 1) => WaitForTimerAsync(d => d == due, occurrence);

    /// <summary>
    /// Moves the clock to one tick before <paramref name="due"/> and checks <paramref name="pending"/> still waits
    /// (<paramref name="justBefore"/> checks more at that moment), then moves the last tick and gives its outcome:
    /// so a wait is shown to be neither shorter nor longer than <paramref name="due"/>.
    /// </summary>
    public async Task<T> FinishesAtAsync<T>(Task<T> pending, TimeSpan due, string endedEarly, Action? justBefore = null)
    {
        Advance(due - Tick);
        Assert.That(pending.IsCompleted, Is.False, endedEarly);
        justBefore?.Invoke();
        Advance(Tick);
        return await pending.WaitAsync(Patience);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new RecordingTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Record(dueTime);
        return timer;
    }

    private IEnumerable<string> SetSoFar()
    {
        lock (_set)
        {
            return _set.Select(d => d == Timeout.InfiniteTimeSpan ? "infinite" : $"{d.TotalMilliseconds} ms").ToList();
        }
    }

    private void Record(TimeSpan dueTime)
    {
        lock (_set)
        {
            _set.Add(dueTime);
        }

        _changed.Release();
    }

    /// <summary>Reports every <see cref="Change"/> (CancelAfter arms and disarms the idle watchdog that way).</summary>
    private sealed class RecordingTimer(ITimer inner, TestClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool changed = inner.Change(dueTime, period);
            clock.Record(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
