using System.Text.RegularExpressions;
using DeepSeekOcr.AbiGen.Emitters;
using DeepSeekOcr.AbiGen.Layout;
using DeepSeekOcr.AbiGen.Parsing;

namespace DeepSeekOcr.AbiGen;

/// <summary>Reads the header and produces every generated file from it.</summary>
internal static partial class Generator
{
    public const string HeaderPath = "native/include/deepseek_ocr.h";

    public static List<GeneratedFile> Generate(string root)
    {
        string header = File.ReadAllText(Path.Combine(root, HeaderPath));
        var abi = HeaderParser.Parse(header);
        var layouts = new LayoutCalculator(abi);
        var definedInC = FunctionsDefinedInGate(root);
        return
        [
            .. CSharpEmitter.Emit(abi),
            .. GateEmitter.Emit(abi, layouts, definedInC),
            .. LayoutEmitter.Emit(abi, layouts),
            .. PythonEmitter.Emit(abi),
            .. NextHeaderEmitter.Emit(abi, header),
        ];
    }

    /// <summary>The header functions that the hand-written gate files define in C (no runtime needed).</summary>
    private static HashSet<string> FunctionsDefinedInGate(string root) =>
        Directory.GetFiles(Path.Combine(root, GateEmitter.Folder), "*.c")
            .Where(path => !path.EndsWith(".g.c", StringComparison.Ordinal))
            .SelectMany(path => Definition().Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value))
            .ToHashSet();

    [GeneratedRegex(@"^OCR_API [^;{(]*\(?(ocr_\w+)\)?\([^;{]*\)\s*\{", RegexOptions.Multiline)]
    private static partial Regex Definition();
}
