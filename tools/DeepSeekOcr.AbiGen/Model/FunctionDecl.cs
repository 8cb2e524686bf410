namespace DeepSeekOcr.AbiGen.Model;

/// <summary>An <c>OCR_API</c> function of the header, with the comment above it.</summary>
internal sealed record FunctionDecl(string Name, CType ReturnType, IReadOnlyList<Parameter> Parameters, string Doc)
{
    /// <summary>The declaration as C writes it, on one line.</summary>
    public string Prototype =>
        $"{Spell(ReturnType)}{Name}({(Parameters.Count == 0 ? "void" : string.Join(", ", Parameters.Select(p => Spell(p.Type) + p.Name)))})";

    private static string Spell(CType type) => type.IsPointer ? type + "" : type + " ";
}
