using DeepSeekOcr.Client.Http;

namespace DeepSeekOcr.Client.Streaming;

/// <summary>
/// Reads each <c>data:</c> payload of one stream by the cheapest path that gives the exact answer: the repeated-chunk
/// template (<see cref="RepeatedChunkReader"/>), then one <see cref="System.Text.Json.Utf8JsonReader"/> pass
/// (<see cref="ChunkContentReader"/>), then the full deserializer (<see cref="ChunkDeserializer"/>), which also makes the
/// error for a chunk that is not valid. Each path declines what it cannot read exactly.
/// </summary>
internal sealed class ChunkReader : IDisposable
{
    private readonly RepeatedChunkReader _repeated = new();

    /// <summary>Takes the chunk into <paramref name="into"/>; true when it carried text (then to be committed).</summary>
    public bool Read(ReadOnlySpan<byte> json, StreamAccumulator into, ResponseOrigin origin)
    {
        if (_repeated.TryRead(json, into, out bool hasDelta))
        {
            return hasDelta;
        }

        if (ChunkContentReader.TryRead(json, into, out ChunkFindings findings))
        {
            _repeated.Remember(json, findings);
            return findings.HasDelta;
        }

        _repeated.Forget();
        return into.Apply(ChunkDeserializer.Parse(json, origin), origin);
    }

    public void Dispose() => _repeated.Dispose();
}
