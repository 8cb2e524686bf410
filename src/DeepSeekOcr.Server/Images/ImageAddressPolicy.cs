using System.Net;

namespace DeepSeekOcr.Server.Images;

/// <summary>
/// Which addresses image_url may be fetched from: public ones, plus the networks the operator allows
/// (<c>--allow-image-network</c>), or every address (<c>--allow-private-image-urls</c>).
/// </summary>
public sealed class ImageAddressPolicy(bool allowPrivate, IReadOnlyList<IPNetwork> allowedNetworks)
{
    public static ImageAddressPolicy PublicOnly { get; } = new(false, []);

    /// <summary>Null if the address may be fetched from, else why not (the non-public range it is in).</summary>
    public string? Refusal(IPAddress address)
    {
        if (allowPrivate)
        {
            return null;
        }

        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return allowedNetworks.Any(network => network.Contains(plain)) ? null : NonPublicRanges.Classify(plain);
    }
}
