namespace DeepSeekOcr.Bench.OpenAiPeer;

/// <summary>Resident memory as /proc/self/status reports it, and the reset of its high-water mark.</summary>
internal static class ProcStatus
{
    /// <summary>A field in KiB: "VmRSS" (now) or "VmHWM" (the peak since the last reset).</summary>
    public static long Kib(string field)
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    /// <summary>Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 and later).</summary>
    public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");
}
