namespace DeepSeekOcr.AbiGen.Model;

/// <summary>A member of <c>ocr_status</c>: its C name, value and comment.</summary>
internal sealed record EnumMember(string Name, int Value, string Comment);
