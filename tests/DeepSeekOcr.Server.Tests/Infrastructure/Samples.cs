namespace DeepSeekOcr.Server.Tests.Infrastructure;

/// <summary>The committed sample images (tests/samples) and their ground truth.</summary>
public static class Samples
{
    public static readonly string[] Pages = ["scanned-page", "receipt", "screenshot"];

    public static string Directory { get; } = FindDirectory();

    public static byte[] Bytes(string fileName) => File.ReadAllBytes(Path.Combine(Directory, fileName));

    public static string GroundTruth(string name) => File.ReadAllText(Path.Combine(Directory, name + ".txt"));

    public static string DataUrl(string fileName)
    {
        var mime = Path.GetExtension(fileName) switch
        {
            ".jpg" => "image/jpeg",
            ".webp" => "image/webp",
            ".bmp" => "image/bmp",
            _ => "image/png",
        };
        return $"data:{mime};base64,{Convert.ToBase64String(Bytes(fileName))}";
    }

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "samples");
            if (File.Exists(Path.Combine(candidate, "receipt.png")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/samples not found above " + AppContext.BaseDirectory);
    }
}
