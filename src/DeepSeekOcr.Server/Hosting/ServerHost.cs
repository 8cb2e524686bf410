using DeepSeekOcr.Server.Api;
using DeepSeekOcr.Server.Images;
using DeepSeekOcr.Server.Ocr;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace DeepSeekOcr.Server.Hosting;

/// <summary>Parses the command line, starts the engines and Kestrel, announces the URL, runs until stopped.</summary>
public static class ServerHost
{
    /// <summary>The stdout line scripts look for to learn where the server listens.</summary>
    public const string UrlAnnouncement = "DEEPSEEK_OCR_SERVER_URL=";

    public static async Task<int> RunAsync(string[] args)
    {
        ServerOptions options;
        try
        {
            options = CommandLine.Parse(args);
        }
        catch (CommandLineException e)
        {
            await Console.Error.WriteLineAsync($"deepseek-ocr-server: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        if (options.ShowHelp)
        {
            await Console.Out.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
            return 0;
        }

        // Each request already has its own engine; OpenMP threads inside one engine would only oversubscribe the cores.
        NativeEnvironment.SetDefault("OMP_THREAD_LIMIT", "1");
        using var engines = new EnginePool(options.Engines, () => TesseractEngine.Create(options.Tessdata, options.Language));
        try
        {
            engines.WarmUp();
        }
        catch (OcrEngineException e)
        {
            await Console.Error.WriteLineAsync($"deepseek-ocr-server: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        using var http = CreateImageHttpClient(new ImageAddressPolicy(options.AllowPrivateImageUrls, options.AllowedImageNetworks));
        await using var app = Build(options, engines, http);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"deepseek-ocr-server: cannot listen on {string.Join(", ", options.EffectiveUrls)}: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        await Console.Out.WriteLineAsync(UrlAnnouncement + addresses.First()).ConfigureAwait(false);
        await Console.Out.FlushAsync().ConfigureAwait(false);
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    private static WebApplication Build(ServerOptions options, EnginePool engines, HttpClient http)
    {
        // Our own arguments are parsed above; none of them is meant for ASP.NET Core's configuration.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls([.. options.EffectiveUrls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The limit callers see is enforced by JsonBodyReader, which lets Kestrel drain a refused body so the
            // client gets its 413; Kestrel's own, higher limit only stops what is not worth draining.
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes + Math.Max(options.MaxBodyBytes, 16L * 1024 * 1024);
        });

        // stdout carries only the URL announcement; logs go to stderr, and per-request framework chatter is off.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var app = builder.Build();
        var errors = new ErrorHandlingMiddleware(app.Services.GetRequiredService<ILogger<ErrorHandlingMiddleware>>(), options.MaxBodyBytes);
        app.Use(next => context => errors.InvokeAsync(context, next));
        if (options.ApiKey is { } apiKey)
        {
            var auth = new ApiKeyMiddleware(apiKey);
            app.Use(next => context => auth.InvokeAsync(context, next));
        }

        var completions = new ChatCompletionsEndpoint(
            new JsonBodyReader(options.MaxBodyBytes),
            new ImageLoader(http, options.MaxImageBytes, TimeSpan.FromSeconds(options.FetchTimeoutSeconds)),
            engines,
            new RequestQueue(engines, options.EffectiveMaxQueue),
            options.Model);
        var info = new InfoEndpoints(options.Model);
        app.MapPost(Routes.ChatCompletions, (RequestDelegate)completions.HandleAsync);
        app.MapMethods(Routes.ChatCompletions, ["GET", "PUT", "PATCH", "DELETE"], (RequestDelegate)InfoEndpoints.PostOnlyAsync);
        app.MapGet(Routes.Models, (RequestDelegate)info.ModelsAsync);
        app.MapGet(Routes.Models + "/{**id}", (RequestDelegate)info.ModelAsync);
        app.MapMethods(Routes.Health, ["GET", "HEAD"], (RequestDelegate)info.HealthAsync);
        app.MapFallback((RequestDelegate)InfoEndpoints.NotFoundAsync);
        return app;
    }

    /// <summary>
    /// For downloading http(s) image_url: every connection (redirects too) through the address policy, few redirects,
    /// a connect timeout; the whole fetch is timed by ImageLoader. No proxy: the policy must judge the image's host,
    /// not a proxy's.
    /// </summary>
    private static HttpClient CreateImageHttpClient(ImageAddressPolicy policy) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = new GuardedConnector(policy).ConnectAsync,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            MaxAutomaticRedirections = 5,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
