using System.Security.Cryptography;
using System.Text;

namespace DeepSeekOcr.Server.Api;

/// <summary>
/// Requires <c>Authorization: Bearer KEY</c> on every path but /health (which scripts poll before they know the key).
/// The key is compared in constant time and never written into any answer or log.
/// </summary>
public sealed class ApiKeyMiddleware(string apiKey)
{
    private readonly byte[] expected = Encoding.UTF8.GetBytes(apiKey);

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.Equals(Routes.Health, StringComparison.Ordinal))
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw ApiErrors.Unauthorized("missing API key: send it as 'Authorization: Bearer <key>'");
        }

        var presented = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        if (!CryptographicOperations.FixedTimeEquals(presented, expected))
        {
            throw ApiErrors.Unauthorized("incorrect API key");
        }

        return next(context);
    }
}
