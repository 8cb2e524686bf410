namespace DeepSeekOcr.Client.Streaming;

/// <summary>What <see cref="ChunkContentReader"/> found in a chunk besides the metadata it stored.</summary>
internal struct ChunkFindings
{
    private int _contentStrings;

    /// <summary>Whether the chunk carried a non-empty piece of text.</summary>
    public bool HasDelta { get; set; }

    /// <summary>
    /// Where the chunk's <c>content</c> string token lies, quotes included, when it holds exactly one that was read;
    /// otherwise null. <see cref="RepeatedChunkReader"/> keeps the chunk as a template around it.
    /// </summary>
    public Range? ContentString { get; private set; }

    /// <summary>The top-level values a repeat of this chunk may change (see <see cref="TemplateHoles"/>).</summary>
    public TemplateHoles Holes;

    public void FoundContentString(Range token) => ContentString = ++_contentStrings == 1 ? token : null;
}
