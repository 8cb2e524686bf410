namespace DeepSeekOcr.Client.Grounding;

/// <summary>
/// A labelled region of the answer: the ref's label (e.g. <c>title</c>, <c>table</c>, <c>image</c>; in the ocr and
/// locate modes the text itself), the content the model wrote for it, and one or more boxes.
/// </summary>
public sealed record GroundedRegion(string Label, string Text, IReadOnlyList<GroundingBox> Boxes);
