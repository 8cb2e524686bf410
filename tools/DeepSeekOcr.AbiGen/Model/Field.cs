namespace DeepSeekOcr.AbiGen.Model;

/// <summary>A field of a struct, with its trailing comment and the ABI version that added it.</summary>
internal sealed record Field(string Name, CType Type, string Comment, AbiVersion Since);
