namespace DeepSeekOcr.AbiGen.Model;

/// <summary>A MAJOR.MINOR version of the ABI, as in a field's "since 1.2" note.</summary>
internal readonly record struct AbiVersion(int Major, int Minor) : IComparable<AbiVersion>
{
    public static readonly AbiVersion First = new(1, 0);

    /// <summary>Later than any version: every field.</summary>
    public static readonly AbiVersion Latest = new(int.MaxValue, int.MaxValue);

    public int CompareTo(AbiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public override string ToString() => $"{Major}.{Minor}";
}
