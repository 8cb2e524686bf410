namespace DeepSeekOcr.Client.Deadlines;

/// <summary>
/// The deadlines of one call: the caller's cancellation, the whole-call timeout and the idle watchdog, joined into
/// one token. When that token fires, <see cref="Explain"/> says which of them did it. Both timers run on the client's
/// <see cref="TimeProvider"/>, so tests fire them by moving a fake clock.
/// </summary>
internal sealed class CallDeadlines : IDisposable
{
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _total;
    private readonly CancellationTokenSource _idle;
    private readonly CancellationTokenSource _linked;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _idleTimeout;
    private readonly OptionNames _names;

    /// <param name="names">What the caller calls the timeouts, for messages (default: C#'s names).</param>
    public CallDeadlines(TimeSpan timeout, TimeSpan idleTimeout, CancellationToken callerToken, TimeProvider? time = null, OptionNames? names = null)
    {
        time ??= TimeProvider.System;
        _names = names ?? OptionNames.Managed;
        _callerToken = callerToken;
        _timeout = timeout;
        _idleTimeout = idleTimeout;
        _total = new CancellationTokenSource(timeout, time);
        _idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _total.Token, _idle.Token);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>Starts (or restarts) the idle watchdog: call before each read of a response body.</summary>
    public void ArmIdleWatchdog()
    {
        if (!_idle.IsCancellationRequested)
        {
            _idle.CancelAfter(_idleTimeout);
        }
    }

    /// <summary>Stops the idle watchdog while nothing is being read (the caller's own code is running).</summary>
    public void DisarmIdleWatchdog()
    {
        if (!_idle.IsCancellationRequested)
        {
            _idle.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    public bool IsCancellationRequested => _linked.IsCancellationRequested;

    /// <summary>The failure that a fired token stands for.</summary>
    public OcrException Explain(Exception cause) =>
        _callerToken.IsCancellationRequested ? OcrFailures.Cancelled(cause)
        : _total.IsCancellationRequested ? OcrFailures.CallTimedOut(_timeout, _names.Timeout, cause)
        : _idle.IsCancellationRequested ? OcrFailures.IdleTimedOut(_idleTimeout, _names.IdleTimeout, cause)
        : OcrFailures.StoppedUnexpectedly(cause);

    public void Dispose()
    {
        _linked.Dispose();
        _idle.Dispose();
        _total.Dispose();
    }
}
