using System.Text;
using DeepSeekOcr.AbiGen.Layout;
using DeepSeekOcr.AbiGen.Model;

namespace DeepSeekOcr.AbiGen.Emitters;

/// <summary>
/// The C gate's generated half (src/DeepSeekOcr.Native/Gate/): a forwarder for each header function that the
/// hand-written gate files do not define (gate first, the struct-size rule for each struct the caller fills, then
/// <c>dsocr_managed_NAME</c> in the runtime), the published sizes of those structs, and the list of the header's
/// functions, the library's only exports, in each linker's form: a version script (GNU ld, lld), a module-definition
/// file (link.exe, lld-link, MinGW's ld) and an exported-symbols list (Apple's ld).
/// </summary>
internal static class GateEmitter
{
    public const string Folder = "src/DeepSeekOcr.Native/Gate";

    public static IEnumerable<GeneratedFile> Emit(Abi abi, LayoutCalculator layouts, IReadOnlySet<string> definedInC)
    {
        yield return new GeneratedFile($"{Folder}/abi_sizes.g.h", Sizes(abi, layouts));
        yield return new GeneratedFile($"{Folder}/exports.g.c", Forwarders(abi, definedInC));
        yield return new GeneratedFile($"{Folder}/libdeepseek_ocr.map", VersionScript(abi));
        yield return new GeneratedFile($"{Folder}/deepseek_ocr.def", ModuleDefinition(abi));
        yield return new GeneratedFile($"{Folder}/libdeepseek_ocr.exported_symbols", AppleExportList(abi));
    }

    private static string SizeMacro(StructDecl decl, AbiVersion version) =>
        $"DSOCR_{decl.Name.ToUpperInvariant()}_SIZE_{version.Major}_{version.Minor}";

    private static string Sizes(Abi abi, LayoutCalculator layouts)
    {
        var text = new StringBuilder();
        text.Append($"/* {GeneratedFile.Notice} */\n#ifndef DEEPSEEK_OCR_ABI_SIZES_G_H\n#define DEEPSEEK_OCR_ABI_SIZES_G_H\n\n");
        text.Append("/* The size of each struct callers fill, as each version of the header that changed it declared it. */\n");
        foreach (var decl in abi.StructsReadFromCallers)
        {
            foreach (var version in decl.Versions)
            {
                text.Append($"#define {SizeMacro(decl, version)} {layouts.Of(decl, version).Size}\n");
            }
        }

        text.Append("\n#endif\n");
        return text.ToString();
    }

    private static string Forwarders(Abi abi, IReadOnlySet<string> definedInC)
    {
        var forwarded = abi.Functions.Where(f => !definedInC.Contains(f.Name)).ToList();
        var text = new StringBuilder();
        text.Append($"/* {GeneratedFile.Notice} */\n");
        text.Append("/*\n * Each exported function that needs the runtime: the gate first, the extensible-struct rule for the structs the\n");
        text.Append(" * caller fills, then the runtime's implementation (dsocr_managed_..., in Exports/).\n */\n");
        text.Append("#include \"abi_sizes.g.h\"\n#include \"gate.h\"\n\n#include <stddef.h>\n\n");
        foreach (var function in forwarded)
        {
            text.Append($"extern {(function with { Name = ManagedName(function) }).Prototype};\n");
        }

        foreach (var decl in abi.StructsReadFromCallers)
        {
            string init = $"{decl.Name}_init_size";
            if (abi.Functions.All(f => f.Name != init))
            {
                throw new FormatException($"{decl.Name} is read from callers, so the header must declare {init}");
            }

            text.Append($"\nstatic ocr_status read_{decl.Name}({decl.Name} *copy, const {decl.Name} *source, const char *argument) {{\n");
            text.Append($"    {init}(copy, sizeof *copy);\n");
            text.Append($"    return dsocr_gate_read_struct(copy, sizeof *copy, {SizeMacro(decl, decl.Versions.First())}, source, argument, \"{decl.Name}\");\n");
            text.Append("}\n");
        }

        foreach (var function in forwarded)
        {
            text.Append($"\nOCR_API {function.Prototype} {{\n");
            string call = $"{ManagedName(function)}({string.Join(", ", function.Parameters.Select(p => p.Name))})";
            if (function.ReturnType is { Name: "void", PointerDepth: 0 })
            {
                text.Append($"    if (dsocr_gate_enter_quietly()) {{\n        {call};\n    }}\n}}\n");
                continue;
            }

            if (function.ReturnType.Name != abi.StatusEnumName || function.ReturnType.IsPointer)
            {
                throw new FormatException($"{function.Name} returns {function.ReturnType}: the gate can forward only functions that return void or {abi.StatusEnumName}");
            }

            foreach (var output in function.Parameters.Where(p => p.Type.PointerDepth == 2))
            {
                text.Append($"    if ({output.Name} != NULL) {{\n        *{output.Name} = NULL;\n    }}\n");
            }

            text.Append("    ocr_status status = dsocr_gate_enter();\n    if (status != OCR_OK) {\n        return status;\n    }\n");
            foreach (var input in function.Parameters.Where(p => IsStructFromCaller(abi, p.Type)))
            {
                text.Append($"    {input.Type.Name} {input.Name}_copy;\n    if ({input.Name} != NULL) {{\n");
                text.Append($"        status = read_{input.Type.Name}(&{input.Name}_copy, {input.Name}, \"{input.Name}\");\n");
                text.Append($"        if (status != OCR_OK) {{\n            return status;\n        }}\n        {input.Name} = &{input.Name}_copy;\n    }}\n");
            }

            text.Append($"    return {call};\n}}\n");
        }

        return text.ToString();
    }

    private static string VersionScript(Abi abi)
    {
        var text = new StringBuilder();
        text.Append($"/* {GeneratedFile.Notice} The library exports the header's functions and nothing else. */\n");
        text.Append("V1.0 {\n    global:\n");
        foreach (var function in abi.Functions)
        {
            text.Append($"        {function.Name};\n");
        }

        text.Append("    local: *;\n};\n");
        return text.ToString();
    }

    /// <summary>
    /// For Windows: the functions the DLL exports, by name. No LIBRARY line, so the linker takes the DLL's name from
    /// its output file. The gate's functions are compiled without __declspec(dllexport) (OCR_STATIC), so this list is
    /// the only thing that exports them, as the version script is elsewhere.
    /// </summary>
    private static string ModuleDefinition(Abi abi)
    {
        var text = new StringBuilder();
        text.Append($"; {GeneratedFile.Notice} deepseek_ocr.dll exports the header's functions and nothing else.\n");
        text.Append("EXPORTS\n");
        foreach (var function in abi.Functions)
        {
            text.Append($"    {function.Name}\n");
        }

        return text.ToString();
    }

    /// <summary>For Apple's linker (-exported_symbols_list), which names C symbols with their leading underscore.</summary>
    private static string AppleExportList(Abi abi)
    {
        var text = new StringBuilder();
        text.Append($"# {GeneratedFile.Notice} libdeepseek_ocr.dylib exports the header's functions and nothing else.\n");
        foreach (var function in abi.Functions)
        {
            text.Append($"_{function.Name}\n");
        }

        return text.ToString();
    }

    private static string ManagedName(FunctionDecl function) => "dsocr_managed_" + Naming.WithoutPrefix(function.Name);

    private static bool IsStructFromCaller(Abi abi, CType type) =>
        type is { IsConst: true, PointerDepth: 1 } && abi.StructsReadFromCallers.Any(decl => decl.Name == type.Name);
}
