using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace DeepSeekOcr.Client.Tests.Abi;

/// <summary>
/// The C# copies of the header's structs (src/DeepSeekOcr.Native/Interop/Generated) against native/abi/layout.json,
/// whose every number the C suite asserts against the compiler: a field in the wrong place fails here.
/// </summary>
public sealed class InteropLayoutTests
{
    private static readonly Assembly Structs = typeof(InteropLayoutTests).Assembly;

    private static IEnumerable<TestCaseData> StructsOfTheHeader()
    {
        using var layout = JsonDocument.Parse(File.ReadAllText(LayoutPath()));
        foreach (var entry in layout.RootElement.GetProperty("structs").EnumerateObject())
        {
            var fields = entry.Value.GetProperty("fields").EnumerateObject()
                .Select(f => (f.Name, f.Value.GetProperty("offset").GetInt32(), f.Value.GetProperty("size").GetInt32())).ToArray();
            yield return new TestCaseData(entry.Name, entry.Value.GetProperty("size").GetInt32(), fields).SetArgDisplayNames(entry.Name);
        }
    }

    [TestCaseSource(nameof(StructsOfTheHeader))]
    public void Struct_HasTheHeadersSizeAndOffsets(string cName, int size, (string Name, int Offset, int Size)[] fields)
    {
        var type = Structs.GetType($"DeepSeekOcr.Native.Interop.Native{Pascal(cName["ocr_".Length..])}")
            ?? throw new AssertionException($"no C# struct for {cName}");

        Assert.Multiple(() =>
        {
            Assert.That(Marshal.SizeOf(type), Is.EqualTo(size), $"sizeof({cName})");
            Assert.That(type.GetFields().Select(f => f.Name), Is.EqualTo(fields.Select(f => Pascal(f.Name))), $"the fields of {cName}, in order");
            foreach (var (name, offset, fieldSize) in fields)
            {
                Assert.That((int)Marshal.OffsetOf(type, Pascal(name)), Is.EqualTo(offset), $"offsetof({cName}, {name})");
                Assert.That(SizeOf(type.GetField(Pascal(name))!.FieldType), Is.EqualTo(fieldSize), $"the size of {cName}.{name}");
            }
        });
    }

    private static int SizeOf(Type type) => type.IsPointer ? IntPtr.Size : Marshal.SizeOf(type.IsEnum ? Enum.GetUnderlyingType(type) : type);

    private static string Pascal(string snake) =>
        string.Concat(snake.Split('_').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    private static string LayoutPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "native", "abi", "layout.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("native/abi/layout.json not found above the test directory");
    }
}
