using System.Globalization;

namespace DeepSeekOcr.AbiGen.Emitters;

/// <summary>How C names become C# names: snake_case to PascalCase, <c>ocr_x</c> structs to <c>NativeX</c>.</summary>
internal static class Naming
{
    public static string Pascal(string snake) => string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries)
        .Select(word => char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..].ToLowerInvariant()));

    /// <summary><c>ocr_client_options</c> to <c>NativeClientOptions</c>.</summary>
    public static string NativeStruct(string cName) => "Native" + Pascal(WithoutPrefix(cName));

    /// <summary><c>OCR_E_INVALID_ARGUMENT</c> to <c>InvalidArgument</c>, <c>OCR_OK</c> to <c>Ok</c>.</summary>
    public static string StatusMember(string cName) => Pascal(cName.StartsWith("OCR_E_", StringComparison.Ordinal) ? cName[6..] : cName[4..]);

    /// <summary><c>ocr_image</c> to <c>image</c>: the name of the runtime's implementation is dsocr_managed_ + this.</summary>
    public static string WithoutPrefix(string cName) => cName.StartsWith("ocr_", StringComparison.Ordinal) ? cName[4..] : cName;

    public static string XmlEscape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A comment as one line of prose.</summary>
    public static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
