using DeepSeekOcr.Protocol;
using DeepSeekOcr.Server.Json;

namespace DeepSeekOcr.Server.Api;

/// <summary>
/// <c>GET /v1/models</c> (the one model served), <c>GET /v1/models/{id}</c> (that model, or 404 as OpenAI words it)
/// and <c>GET</c>/<c>HEAD /health</c> (200 once engines are ready).
/// </summary>
public sealed class InfoEndpoints(string servedModel)
{
    private static readonly byte[] HealthyBody = """{"status":"ok"}"""u8.ToArray();

    private readonly long _startedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private ModelInfo ServedModel => new() { Id = servedModel, Created = _startedAt, OwnedBy = "deepseek-ocr-server" };

    public Task ModelsAsync(HttpContext context) =>
        JsonResponseWriter.WriteAsync(context, new ModelList { Data = [ServedModel] }, ProtocolJsonContext.Default.ModelList);

    /// <summary>The route's <c>{**id}</c> takes the rest of the path, so ids with a slash (<c>deepseek-ai/DeepSeek-OCR</c>) work too.</summary>
    public Task ModelAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        return id == servedModel
            ? JsonResponseWriter.WriteAsync(context, ServedModel, ServerJsonContext.Default.ModelInfo)
            : throw ApiErrors.NotFound($"the model '{id}' does not exist; this server serves '{servedModel}'", "model", "model_not_found");
    }

    /// <summary>HEAD gets the same status and headers with no body (load balancers probe with it).</summary>
    public async Task HealthAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = HealthyBody.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await context.Response.Body.WriteAsync(HealthyBody, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A wrong method on a known path gets an error object too, not routing's empty 405.</summary>
    public static Task PostOnlyAsync(HttpContext context) =>
        throw ApiErrors.MethodNotAllowed(context.Request.Method, context.Request.Path, "POST");

    /// <summary>Unknown paths get an error object too, not an empty 404.</summary>
    public static Task NotFoundAsync(HttpContext context) =>
        throw ApiErrors.NotFound($"no such endpoint: {context.Request.Method} {context.Request.Path}");
}
