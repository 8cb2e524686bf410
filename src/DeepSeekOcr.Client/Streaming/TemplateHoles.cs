using System.Runtime.CompilerServices;

namespace DeepSeekOcr.Client.Streaming;

/// <summary>
/// The values of a chunk that may differ from one chunk to the next without changing what the chunk says beyond
/// them: the top-level <c>created</c> number, which some servers stamp on every chunk, and top-level strings that no
/// path reads (OpenAI's random <c>obfuscation</c>, <c>object</c>, <c>system_fingerprint</c>). Each is a token's
/// range, quotes included, in the order the chunk holds them. <see cref="RepeatedChunkReader"/> lets a new chunk put
/// another token of the same kind in these places.
/// </summary>
internal struct TemplateHoles
{
    /// <summary>Strings beyond this many stay part of the template's fixed bytes.</summary>
    public const int MaxSkippedStrings = 4;

    private const int Capacity = MaxSkippedStrings + 1;

    private HoleRanges _ranges;
    private int _createdCount;
    private int _createdSlot; // CreatedIndex + 1, so that the default value means "none"

    /// <summary>How many holes there are: <see cref="this[int]"/> reads them.</summary>
    public int Count { get; private set; }

    /// <summary>Which hole is <c>created</c>; -1 when the chunk had none, or more than one.</summary>
    public readonly int CreatedIndex => _createdSlot - 1;

    public readonly Range this[int index] => _ranges[index];

    public void FoundCreated(Range token)
    {
        if (++_createdCount > 1)
        {
            // Two "created" keys: the last one wins on every path; keep it simple and leave both fixed.
            Remove(CreatedIndex);
            _createdSlot = 0;
            return;
        }

        if (Count < Capacity)
        {
            _createdSlot = Count + 1;
            _ranges[Count++] = token;
        }
    }

    public void FoundSkippedString(Range token)
    {
        if (Count - (CreatedIndex >= 0 ? 1 : 0) < MaxSkippedStrings)
        {
            _ranges[Count++] = token;
        }
    }

    private void Remove(int index)
    {
        if (index < 0)
        {
            return;
        }

        for (int i = index; i < Count - 1; i++)
        {
            _ranges[i] = _ranges[i + 1];
        }

        Count--;
    }

    [InlineArray(Capacity)]
    private struct HoleRanges
    {
        private Range _first;
    }
}
