using System.Globalization;

namespace DeepSeekOcr.Benchmarks.Infrastructure;

/// <summary>
/// The process's resident memory from /proc/self/status. The memory diagnoser counts only this runtime's managed
/// heap; the Native AOT library runs its own runtime and GC heap inside the process, visible only here.
/// </summary>
public static class ProcessMemory
{
    /// <summary>Current resident set (VmRSS) and its peak so far (VmHWM), in KiB; zeros where /proc is missing.</summary>
    public static (long ResidentKiB, long PeakKiB) Read()
    {
        long resident = 0;
        long peak = 0;
        if (!File.Exists("/proc/self/status"))
        {
            return (0, 0);
        }

        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = ParseKiB(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = ParseKiB(line);
            }
        }

        return (resident, peak);
    }

    private static long ParseKiB(string line) =>
        long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
}
