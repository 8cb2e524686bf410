namespace DeepSeekOcr.Client.Grounding;

/// <summary>What <see cref="GroundingParser"/> makes of an answer: its regions and clean Markdown.</summary>
public sealed record GroundedText(string Markdown, IReadOnlyList<GroundedRegion> Regions);
