namespace DeepSeekOcr.Native.Multi;

/// <summary>How a wait on a <see cref="CompletionQueue"/> ended.</summary>
internal enum WaitOutcome
{
    /// <summary>An event was taken.</summary>
    Event,

    /// <summary>None arrived in time.</summary>
    TimedOut,

    /// <summary>No item is pending: every added item's DONE has been taken, so none can arrive.</summary>
    NothingPending,

    /// <summary>The multi was freed while the wait ran.</summary>
    Closed,
}
