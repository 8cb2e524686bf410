using System.Globalization;
using System.Net;

namespace DeepSeekOcr.Server.Hosting;

/// <summary>Parses the server's command line into <see cref="ServerOptions"/>.</summary>
public static class CommandLine
{
    public const string Usage = """
        Usage: deepseek-ocr-server [options]

        A local DeepSeek-OCR-compatible server (POST /v1/chat/completions, GET /v1/models, GET /health)
        that recognises text with Tesseract 5. Once listening it prints one line on stdout:
            DEEPSEEK_OCR_SERVER_URL=http://127.0.0.1:PORT

        Options:
          --port N               listen on http://127.0.0.1:N; 0 picks a free port (default 8000)
          --urls URL[;URL...]    listen on these URLs instead, e.g. http://127.0.0.1:0
          --api-key KEY          require 'Authorization: Bearer KEY' (also $DEEPSEEK_OCR_SERVER_API_KEY)
          --model ID             the model id served (default deepseek-ocr)
          --engines N            Tesseract instances working in parallel (default: one per core)
          --tessdata DIR         Tesseract language data (default $TESSDATA_PREFIX or /usr/share/tesseract-ocr/5/tessdata)
          --lang LANG            Tesseract language(s), e.g. eng or eng+deu (default eng)
          --max-body-bytes N     largest request body; larger gets 413 (default 33554432)
          --max-image-bytes N    largest image after decoding the data: URL or downloading it (default 20971520)
          --fetch-timeout S      seconds allowed to download an http(s) image_url (default 30)
          --allow-private-image-urls
                                 also fetch image_url from loopback, private and other non-public addresses
                                 (by default only public addresses, checked on every connection and redirect)
          --allow-image-network CIDR[;CIDR...]
                                 fetch image_url from these non-public networks too, e.g. 10.1.2.0/24
          --max-queue N          requests waiting for an engine beyond those being read; more get
                                 429 with Retry-After (default 8 per engine; 0: none wait)
          -h, --help             show this help
        """;

    public static ServerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ServerOptions();
        if (Environment.GetEnvironmentVariable("DEEPSEEK_OCR_SERVER_API_KEY") is { Length: > 0 } envKey)
        {
            options.ApiKey = envKey;
        }

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "-h" or "--help":
                    options.ShowHelp = true;
                    break;
                case "--port":
                    var port = ParseInt(name, Value(args, ref i), 0, 65535);
                    options.Urls.Add($"http://127.0.0.1:{port}");
                    break;
                case "--urls":
                    options.Urls.AddRange(Value(args, ref i).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--api-key":
                    options.ApiKey = NonEmpty(name, Value(args, ref i));
                    break;
                case "--model":
                    options.Model = NonEmpty(name, Value(args, ref i));
                    break;
                case "--engines":
                    options.Engines = ParseInt(name, Value(args, ref i), 1, 256);
                    break;
                case "--tessdata":
                    options.Tessdata = NonEmpty(name, Value(args, ref i));
                    break;
                case "--lang":
                    options.Language = NonEmpty(name, Value(args, ref i));
                    break;
                case "--max-body-bytes":
                    options.MaxBodyBytes = ParseLong(name, Value(args, ref i), 1024, long.MaxValue);
                    break;
                case "--max-image-bytes":
                    options.MaxImageBytes = ParseLong(name, Value(args, ref i), 1024, int.MaxValue);
                    break;
                case "--fetch-timeout":
                    options.FetchTimeoutSeconds = ParseInt(name, Value(args, ref i), 1, 3600);
                    break;
                case "--allow-private-image-urls":
                    options.AllowPrivateImageUrls = true;
                    break;
                case "--allow-image-network":
                    foreach (var cidr in Value(args, ref i).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        options.AllowedImageNetworks.Add(IPNetwork.TryParse(cidr, out var network)
                            ? network
                            : throw new CommandLineException($"{name} needs networks such as 10.1.2.0/24 or fd00::/8, not '{cidr}'"));
                    }

                    break;
                case "--max-queue":
                    options.MaxQueue = ParseInt(name, Value(args, ref i), 0, 1_000_000);
                    break;
                default:
                    throw new CommandLineException($"unknown argument '{name}' (see --help)");
            }
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new CommandLineException($"{args[i]} needs a value (see --help)");
        }

        return args[++i];
    }

    private static string NonEmpty(string name, string value) =>
        value.Length > 0 ? value : throw new CommandLineException($"{name} must not be empty");

    private static int ParseInt(string name, string value, int min, int max) =>
        (int)ParseLong(name, value, min, max);

    private static long ParseLong(string name, string value, long min, long max) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new CommandLineException($"{name} must be a whole number from {min} to {max}, not '{value}'");
}
