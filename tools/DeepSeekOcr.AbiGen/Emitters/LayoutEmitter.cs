using System.Text;
using DeepSeekOcr.AbiGen.Layout;
using DeepSeekOcr.AbiGen.Model;

namespace DeepSeekOcr.AbiGen.Emitters;

/// <summary>
/// The layout table every copy is tested against (native/abi/layout.json: the size of each struct, and the offset
/// and size of each of its fields),
/// and the C file that asserts each number of it against the compiler, through the header itself.
/// </summary>
internal static class LayoutEmitter
{
    public static IEnumerable<GeneratedFile> Emit(Abi abi, LayoutCalculator layouts)
    {
        var all = abi.Structs.Select(layouts.Of).ToList();
        yield return new GeneratedFile("native/abi/layout.json", Json(abi, all));
        yield return new GeneratedFile("tests/c/abi_layout.g.c", Assertions(all));
    }

    private static string Json(Abi abi, List<StructLayout> layouts)
    {
        var text = new StringBuilder();
        text.Append("{\n");
        text.Append($"  \"generated\": \"{GeneratedFile.Notice}\",\n");
        text.Append($"  \"version\": \"{abi.Version}\",\n");
        text.Append("  \"structs\": {\n");
        for (int index = 0; index < layouts.Count; index++)
        {
            var layout = layouts[index];
            text.Append($"    \"{layout.Name}\": {{\n      \"size\": {layout.Size},\n      \"alignment\": {layout.Alignment},\n      \"fields\": {{\n");
            text.Append(string.Join(",\n", layout.Fields.Select(f => $"        \"{f.Name}\": {{ \"offset\": {f.Offset}, \"size\": {f.Size} }}")));
            text.Append($"\n      }}\n    }}{(index + 1 < layouts.Count ? "," : "")}\n");
        }

        text.Append("  }\n}\n");
        return text.ToString();
    }

    private static string Assertions(List<StructLayout> layouts)
    {
        var text = new StringBuilder();
        text.Append($"/* {GeneratedFile.Notice} */\n");
        text.Append("/* Each number of native/abi/layout.json, which the C#, Python and C++ copies are tested against, checked against\n");
        text.Append(" * what this compiler makes of the header: a wrong number fails the build of the C tests. */\n");
        text.Append("#include <deepseek_ocr.h>\n\n#include <stddef.h>\n\n");
        foreach (var layout in layouts)
        {
            text.Append($"_Static_assert(sizeof({layout.Name}) == {layout.Size}, \"sizeof({layout.Name}) is not {layout.Size} as in native/abi/layout.json\");\n");
            text.Append($"_Static_assert(_Alignof({layout.Name}) == {layout.Alignment}, \"_Alignof({layout.Name}) is not {layout.Alignment} as in native/abi/layout.json\");\n");
            foreach (var field in layout.Fields)
            {
                text.Append($"_Static_assert(offsetof({layout.Name}, {field.Name}) == {field.Offset}, \"offsetof({layout.Name}, {field.Name}) is not {field.Offset} as in native/abi/layout.json\");\n");
                text.Append($"_Static_assert(sizeof((({layout.Name} *)0)->{field.Name}) == {field.Size}, \"the size of {layout.Name}.{field.Name} is not {field.Size} as in native/abi/layout.json\");\n");
            }

            text.Append('\n');
        }

        text.Append("int main(void) {\n    return 0;\n}\n");
        return text.ToString();
    }
}
