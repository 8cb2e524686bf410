namespace DeepSeekOcr.AbiGen.Model;

/// <summary>A function pointer type: <c>typedef RET (*NAME)(PARAMS);</c>.</summary>
internal sealed record CallbackDecl(string Name, CType ReturnType, IReadOnlyList<Parameter> Parameters, string Doc);
