namespace DeepSeekOcr.Bench.OpenAiPeer;

/// <summary>The command line every driver of bench/multi/run.sh takes: --url URL --images DIR --count N --inflight K.</summary>
internal sealed record Arguments(string Url, string Images, int Count, int InFlight)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        return new Arguments(
            values.GetValueOrDefault("--url") ?? throw new ArgumentException("--url URL is required"),
            values.GetValueOrDefault("--images") ?? throw new ArgumentException("--images DIR is required"),
            int.Parse(values.GetValueOrDefault("--count", "1000"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("--inflight", "1"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
