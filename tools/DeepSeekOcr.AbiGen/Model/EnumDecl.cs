namespace DeepSeekOcr.AbiGen.Model;

/// <summary>A <c>typedef enum NAME { ... } NAME;</c> other than the status enum: named values of an int field.</summary>
internal sealed record EnumDecl(string Name, string Doc, IReadOnlyList<EnumMember> Members)
{
    /// <summary>What every member's name starts with: <c>OCR_MODE_</c> for <c>ocr_mode</c>.</summary>
    public string MemberPrefix => Name.ToUpperInvariant() + "_";
}
