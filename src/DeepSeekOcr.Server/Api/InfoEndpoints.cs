using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Server.Api;

/// <summary><c>GET /v1/models</c> (the one model served) and <c>GET /health</c> (200 once engines are ready).</summary>
public sealed class InfoEndpoints(string servedModel)
{
    private static readonly byte[] HealthyBody = """{"status":"ok"}"""u8.ToArray();

    private readonly long startedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public Task ModelsAsync(HttpContext context) =>
        JsonResponseWriter.WriteAsync(
            context,
            new ModelList { Data = [new ModelInfo { Id = servedModel, Created = startedAt, OwnedBy = "deepseek-ocr-server" }] },
            ProtocolJsonContext.Default.ModelList);

    public async Task HealthAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(HealthyBody, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A wrong method on a known path gets an error object too, not routing's empty 405.</summary>
    public static Task PostOnlyAsync(HttpContext context) =>
        throw ApiErrors.MethodNotAllowed(context.Request.Method, context.Request.Path, "POST");

    /// <summary>Unknown paths get an error object too, not an empty 404.</summary>
    public static Task NotFoundAsync(HttpContext context) =>
        throw ApiErrors.NotFound($"no such endpoint: {context.Request.Method} {context.Request.Path}");
}
