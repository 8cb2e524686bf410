using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DeepSeekOcr.Server.Api;

/// <summary>Writes a JSON body with source-generated metadata (no reflection, so Native AOT stays warning-free).</summary>
public static class JsonResponseWriter
{
    public static async Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted).ConfigureAwait(false);
    }
}
