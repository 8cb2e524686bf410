namespace DeepSeekOcr.AbiGen.Model;

/// <summary>A <c>typedef struct NAME { ... } NAME;</c> of the header.</summary>
internal sealed record StructDecl(string Name, string Doc, IReadOnlyList<Field> Fields)
{
    /// <summary>A struct whose first field is <c>uint32_t struct_size</c>: it grows by appended fields.</summary>
    public bool IsExtensible => Fields is [{ Name: "struct_size", Type: { Name: "uint32_t", PointerDepth: 0 } }, ..];

    /// <summary>Every ABI version in which the struct gained fields, oldest first.</summary>
    public IEnumerable<AbiVersion> Versions => Fields.Select(f => f.Since).Distinct().Order();
}
