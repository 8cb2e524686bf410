namespace DeepSeekOcr.AbiGen.Layout;

/// <summary>A field's byte offset and size within its struct.</summary>
internal sealed record FieldOffset(string Name, int Offset, int Size);
