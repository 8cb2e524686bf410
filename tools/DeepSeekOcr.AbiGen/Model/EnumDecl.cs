namespace DeepSeekOcr.AbiGen.Model;

/// <summary>A <c>typedef enum NAME { ... } NAME;</c> other than the status enum: named values of an int field.</summary>
internal sealed record EnumDecl(string Name, string Doc, IReadOnlyList<EnumMember> Members)
{
    /// <summary>
    /// What every member's name starts with, up to an underscore: <c>OCR_MODE_</c> for <c>ocr_mode</c>,
    /// <c>OCR_EVENT_</c> for <c>ocr_event_kind</c>, whose members need not repeat the "KIND".
    /// </summary>
    public string MemberPrefix
    {
        get
        {
            string prefix = Members[0].Name;
            foreach (var member in Members.Skip(1))
            {
                int length = 0;
                while (length < prefix.Length && length < member.Name.Length && prefix[length] == member.Name[length])
                {
                    length++;
                }

                prefix = prefix[..length];
            }

            return prefix[..(prefix.LastIndexOf('_') + 1)];
        }
    }
}
