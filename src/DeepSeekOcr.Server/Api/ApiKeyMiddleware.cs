using System.Security.Cryptography;
using System.Text;

namespace DeepSeekOcr.Server.Api;

/// <summary>
/// Requires <c>Authorization: Bearer KEY</c> on every path but /health (which scripts poll before they know the key).
/// The key is compared in constant time and never written into any answer or log: both sides are hashed to
/// SHA-256 first, so the comparison takes the same time whatever the presented token's length, and
/// <see cref="CryptographicOperations.FixedTimeEquals"/> does not stop at the first differing byte.
/// </summary>
public sealed class ApiKeyMiddleware(string apiKey)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

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

        if (!Matches(header[scheme.Length..].Trim()))
        {
            throw ApiErrors.Unauthorized("incorrect API key");
        }

        return next(context);
    }

    internal bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expected);
}
