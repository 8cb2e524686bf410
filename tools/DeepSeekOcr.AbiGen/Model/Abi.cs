namespace DeepSeekOcr.AbiGen.Model;

/// <summary>Everything the header declares, in the header's order.</summary>
internal sealed record Abi(
    string Version,
    string StatusEnumName,
    IReadOnlyList<EnumMember> Statuses,
    IReadOnlyList<string> OpaqueTypes,
    IReadOnlyList<StructDecl> Structs,
    IReadOnlyList<CallbackDecl> Callbacks,
    IReadOnlyList<FunctionDecl> Functions)
{
    public StructDecl? FindStruct(string name) => Structs.FirstOrDefault(s => s.Name == name);

    public bool IsOpaque(string name) => OpaqueTypes.Contains(name);
}
