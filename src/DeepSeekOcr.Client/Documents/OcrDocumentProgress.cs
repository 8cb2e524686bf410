namespace DeepSeekOcr.Client.Documents;

/// <summary>A page has ended (recognised or failed): <paramref name="Done"/> of the <paramref name="Total"/> pages asked for have.</summary>
public readonly record struct OcrDocumentProgress(int Done, int Total, OcrPage Page);
