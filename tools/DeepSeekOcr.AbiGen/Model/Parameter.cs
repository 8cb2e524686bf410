namespace DeepSeekOcr.AbiGen.Model;

/// <summary>A parameter of a function or callback.</summary>
internal sealed record Parameter(string Name, CType Type);
