namespace DeepSeekOcr.Client.Calls;

/// <summary>
/// The deadlines of one call: the caller's cancellation, the whole-call timeout and the idle watchdog, joined into
/// one token. When that token fires, <see cref="Explain"/> says which of them did it.
/// </summary>
internal sealed class CallScope : IDisposable
{
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _total;
    private readonly CancellationTokenSource _idle = new();
    private readonly CancellationTokenSource _linked;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _idleTimeout;

    public CallScope(TimeSpan timeout, TimeSpan idleTimeout, CancellationToken callerToken)
    {
        _callerToken = callerToken;
        _timeout = timeout;
        _idleTimeout = idleTimeout;
        _total = new CancellationTokenSource(timeout);
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
    public OcrException Explain(Exception cause)
    {
        if (_callerToken.IsCancellationRequested)
        {
            return new OcrException(OcrStatus.Cancelled, "the call was cancelled", innerException: cause);
        }

        if (_total.IsCancellationRequested)
        {
            return new OcrException(OcrStatus.Timeout, $"the request took longer than the timeout of {_timeout.TotalMilliseconds:0} ms (timeout_ms)", innerException: cause);
        }

        if (_idle.IsCancellationRequested)
        {
            return new OcrException(OcrStatus.Timeout, $"the server sent nothing for {_idleTimeout.TotalMilliseconds:0} ms while answering (idle_timeout_ms)", innerException: cause);
        }

        return new OcrException(OcrStatus.Internal, $"the call stopped unexpectedly: {cause.Message}", innerException: cause);
    }

    public void Dispose()
    {
        _linked.Dispose();
        _idle.Dispose();
        _total.Dispose();
    }
}
