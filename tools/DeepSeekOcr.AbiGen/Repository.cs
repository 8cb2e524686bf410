using DeepSeekOcr.AbiGen.Emitters;

namespace DeepSeekOcr.AbiGen;

/// <summary>Finds the repository and writes or checks the generated files in it.</summary>
internal static class Repository
{
    public static string Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, Generator.HeaderPath)))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no {Generator.HeaderPath} above {start}: pass the repository's path");
    }

    /// <summary>Writes the files whose text changed, so an unchanged header rebuilds nothing.</summary>
    public static int Write(string root, IEnumerable<GeneratedFile> files)
    {
        foreach (var file in files)
        {
            string path = Path.Combine(root, file.Path);
            if (!File.Exists(path) || File.ReadAllText(path) != file.Text)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Text);
                Console.WriteLine($"abigen: wrote {file.Path}");
            }
        }

        return 0;
    }

    public static int Check(string root, IEnumerable<GeneratedFile> files)
    {
        int passed = 0, failed = 0;
        foreach (var file in files)
        {
            string path = Path.Combine(root, file.Path);
            if (File.Exists(path) && File.ReadAllText(path) == file.Text)
            {
                passed++;
                continue;
            }

            failed++;
            Console.WriteLine($"abigen: {file.Path} differs from what {Generator.HeaderPath} generates: run ./build.sh (or dotnet run --project tools/DeepSeekOcr.AbiGen) and commit it");
        }

        Console.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
