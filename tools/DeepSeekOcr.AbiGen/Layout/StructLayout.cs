namespace DeepSeekOcr.AbiGen.Layout;

/// <summary>Where a struct's fields sit, and its size and alignment, on a 64-bit (LP64 or LLP64) target.</summary>
internal sealed record StructLayout(string Name, int Size, int Alignment, IReadOnlyList<FieldOffset> Fields);
