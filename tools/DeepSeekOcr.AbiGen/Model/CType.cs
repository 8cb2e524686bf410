namespace DeepSeekOcr.AbiGen.Model;

/// <summary>A C type as the header spells it: a base name, <c>const</c> on the pointee, and a pointer depth.</summary>
internal sealed record CType(string Name, bool IsConst, int PointerDepth)
{
    public bool IsPointer => PointerDepth > 0;

    public static CType Parse(string text)
    {
        string trimmed = text.Trim();
        int depth = trimmed.Count(c => c == '*');
        string rest = trimmed.Replace("*", " ", StringComparison.Ordinal);
        bool isConst = false;
        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word =>
        {
            if (word == "const")
            {
                isConst = true;
                return false;
            }

            return true;
        }).ToArray();
        if (words.Length != 1)
        {
            throw new FormatException($"cannot read the C type '{text}'");
        }

        return new CType(words[0], isConst, depth);
    }

    public override string ToString() =>
        (IsConst ? "const " : "") + Name + (PointerDepth > 0 ? " " + new string('*', PointerDepth) : "");
}
