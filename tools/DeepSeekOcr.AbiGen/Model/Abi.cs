namespace DeepSeekOcr.AbiGen.Model;

/// <summary>Everything the header declares, in the header's order.</summary>
internal sealed record Abi(
    string Version,
    string StatusEnumName,
    IReadOnlyList<EnumMember> Statuses,
    IReadOnlyList<EnumDecl> Enums,
    IReadOnlyList<string> OpaqueTypes,
    IReadOnlyList<StructDecl> Structs,
    IReadOnlyList<CallbackDecl> Callbacks,
    IReadOnlyList<FunctionDecl> Functions)
{
    public StructDecl? FindStruct(string name) => Structs.FirstOrDefault(s => s.Name == name);

    public bool IsOpaque(string name) => OpaqueTypes.Contains(name);

    /// <summary>The structs the library reads from its callers: extensible, and passed as a const pointer somewhere.</summary>
    public IEnumerable<StructDecl> StructsReadFromCallers => Structs.Where(decl => decl.IsExtensible &&
        Functions.Any(f => f.Parameters.Any(p => p.Type is { IsConst: true, PointerDepth: 1 } && p.Type.Name == decl.Name)));
}
