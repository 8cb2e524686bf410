using DeepSeekOcr.AbiGen.Model;

namespace DeepSeekOcr.AbiGen.Layout;

/// <summary>
/// Lays out the header's structs by the C rules of every 64-bit target the library ships for (x86-64 and AArch64,
/// Linux, macOS and Windows alike for these types): each field at the next multiple of its alignment, the struct
/// padded to a multiple of its largest alignment. The C test asserts every number against the compiler.
/// </summary>
internal sealed class LayoutCalculator(Abi abi)
{
    private readonly Dictionary<string, StructLayout> _done = [];

    public StructLayout Of(StructDecl decl) => Of(decl, AbiVersion.Latest);

    /// <summary>The struct as a given ABI version declared it: only the fields added up to that version.</summary>
    public StructLayout Of(StructDecl decl, AbiVersion version)
    {
        string key = $"{decl.Name}@{version}";
        if (_done.TryGetValue(key, out var known))
        {
            return known;
        }

        int offset = 0, alignment = 1;
        var fields = new List<FieldOffset>();
        foreach (var field in decl.Fields.Where(f => f.Since.CompareTo(version) <= 0))
        {
            var (size, align) = SizeAndAlignment(field.Type);
            offset = Align(offset, align);
            fields.Add(new FieldOffset(field.Name, offset, size));
            offset += size;
            alignment = Math.Max(alignment, align);
        }

        var layout = new StructLayout(decl.Name, Align(offset, alignment), alignment, fields);
        _done[key] = layout;
        return layout;
    }

    private (int Size, int Alignment) SizeAndAlignment(CType type)
    {
        if (type.IsPointer || abi.Callbacks.Any(callback => callback.Name == type.Name))
        {
            return (8, 8);
        }

        if (abi.FindStruct(type.Name) is { } nested)
        {
            var layout = Of(nested);
            return (layout.Size, layout.Alignment);
        }

        return type.Name switch
        {
            "uint8_t" or "int8_t" or "char" => (1, 1),
            "uint16_t" or "int16_t" => (2, 2),
            "uint32_t" or "int32_t" or "int" => (4, 4),
            "uint64_t" or "int64_t" or "size_t" or "double" => (8, 8),
            _ when type.Name == abi.StatusEnumName => (4, 4),
            _ => throw new FormatException($"no layout known for the C type '{type}'"),
        };
    }

    private static int Align(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;
}
