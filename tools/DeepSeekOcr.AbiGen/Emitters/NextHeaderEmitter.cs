using System.Globalization;
using System.Text.RegularExpressions;
using DeepSeekOcr.AbiGen.Model;

namespace DeepSeekOcr.AbiGen.Emitters;

/// <summary>
/// The header as its next minor version could be (tests/c/compat/deepseek_ocr_next.g.h): the version bumped and one
/// field appended to every struct the library reads from callers. The C suite builds a caller against it, to prove
/// that a program built against a newer header works with this library while it leaves the new field unset, and is
/// refused, naming struct_size, when it sets it.
/// </summary>
internal static partial class NextHeaderEmitter
{
    public const string NextField = "next_field";

    public static IEnumerable<GeneratedFile> Emit(Abi abi, string header)
    {
        string[] version = abi.Version.Split('.');
        int next = int.Parse(version[1], CultureInfo.InvariantCulture) + 1;
        string text = MinorDefine().Replace(header, $"#define OCR_VERSION_MINOR {next}");
        text = PatchDefine().Replace(text, "#define OCR_VERSION_PATCH 0");
        text = text.Replace($"#define OCR_VERSION \"{abi.Version}\"", $"#define OCR_VERSION \"{version[0]}.{next}.0\"", StringComparison.Ordinal);
        foreach (var decl in abi.StructsReadFromCallers)
        {
            text = text.Replace($"}} {decl.Name};", $"    uint64_t {NextField};              /* a field of the next version: zero means \"not set\" */\n}} {decl.Name};", StringComparison.Ordinal);
        }

        yield return new GeneratedFile("tests/c/compat/deepseek_ocr_next.g.h", $"/* {GeneratedFile.Notice} The header as its next minor version could be, for tests/c/test_compat_next.c. */\n{text}");
    }

    [GeneratedRegex(@"^#define OCR_VERSION_MINOR \d+$", RegexOptions.Multiline)]
    private static partial Regex MinorDefine();

    [GeneratedRegex(@"^#define OCR_VERSION_PATCH \d+$", RegexOptions.Multiline)]
    private static partial Regex PatchDefine();
}
