using System.Net;
using DeepSeekOcr.Server.Images;

namespace DeepSeekOcr.Server.Tests.Units;

/// <summary>Which addresses image_url may be fetched from: each non-public range refused, public ones and opt-ins allowed.</summary>
[TestFixture]
public sealed class ImageAddressPolicyTests
{
    [TestCase("0.0.0.0", "this network")]
    [TestCase("0.1.2.3", "this network")]
    [TestCase("10.0.0.1", "private")]
    [TestCase("10.255.255.255", "private")]
    [TestCase("100.64.0.1", "shared address space")]
    [TestCase("100.127.255.254", "shared address space")]
    [TestCase("127.0.0.1", "loopback")]
    [TestCase("127.255.0.9", "loopback")]
    [TestCase("169.254.169.254", "link-local")]
    [TestCase("172.16.0.1", "private")]
    [TestCase("172.31.255.254", "private")]
    [TestCase("192.0.0.8", "IETF protocol assignments")]
    [TestCase("192.0.2.10", "documentation")]
    [TestCase("192.88.99.1", "6to4 relay anycast")]
    [TestCase("192.168.1.1", "private")]
    [TestCase("198.18.0.1", "benchmarking")]
    [TestCase("198.51.100.7", "documentation")]
    [TestCase("203.0.113.7", "documentation")]
    [TestCase("224.0.0.1", "multicast")]
    [TestCase("239.255.255.250", "multicast")]
    [TestCase("240.0.0.1", "reserved")]
    [TestCase("255.255.255.255", "broadcast")]
    [TestCase("::", "unspecified")]
    [TestCase("::1", "loopback")]
    [TestCase("::ffff:127.0.0.1", "loopback")]
    [TestCase("::ffff:169.254.169.254", "link-local")]
    [TestCase("::ffff:10.1.2.3", "private")]
    [TestCase("::10.1.2.3", "IPv4-compatible")]
    [TestCase("64:ff9b::7f00:1", "loopback (127.0.0.0/8) behind NAT64")]
    [TestCase("64:ff9b::a9fe:a9fe", "link-local (169.254.0.0/16) behind NAT64")]
    [TestCase("64:ff9b:1::1", "local-use NAT64")]
    [TestCase("100::1", "discard-only")]
    [TestCase("2001::1", "Teredo")]
    [TestCase("2001:10::1", "ORCHID")]
    [TestCase("2001:20::1", "ORCHIDv2")]
    [TestCase("2001:db8::1", "documentation")]
    [TestCase("3fff::1", "documentation")]
    [TestCase("2002:7f00:1::1", "loopback (127.0.0.0/8) behind 6to4")]
    [TestCase("2002:c0a8:101::1", "private (192.168.0.0/16) behind 6to4")]
    [TestCase("fc00::1", "unique-local")]
    [TestCase("fd12:3456:789a::1", "unique-local")]
    [TestCase("fe80::1", "link-local")]
    [TestCase("febf::1", "link-local")]
    [TestCase("fec0::1", "site-local")]
    [TestCase("ff02::1", "multicast")]
    public void NonPublicAddress_IsRefusedNamingItsRange(string address, string range)
    {
        Assert.That(ImageAddressPolicy.PublicOnly.Refusal(IPAddress.Parse(address)), Does.Contain(range));
    }

    [TestCase("1.1.1.1")]
    [TestCase("8.8.8.8")]
    [TestCase("93.184.215.14")]
    [TestCase("100.63.255.255")]
    [TestCase("100.128.0.0")]
    [TestCase("172.15.255.255")]
    [TestCase("172.32.0.0")]
    [TestCase("169.253.255.255")]
    [TestCase("192.167.255.255")]
    [TestCase("223.255.255.255")]
    [TestCase("::ffff:8.8.8.8")]
    [TestCase("64:ff9b::808:808")]
    [TestCase("2002:808:808::1")]
    [TestCase("2606:4700:4700::1111")]
    [TestCase("2a00:1450:4001:80b::200e")]
    public void PublicAddress_IsAllowed(string address)
    {
        Assert.That(ImageAddressPolicy.PublicOnly.Refusal(IPAddress.Parse(address)), Is.Null);
    }

    [Test]
    public void AllowedNetwork_IsAllowedAndOnlyIt()
    {
        var policy = new ImageAddressPolicy(false, [IPNetwork.Parse("10.1.2.0/24"), IPNetwork.Parse("fd00:1::/32")]);

        Assert.Multiple(() =>
        {
            Assert.That(policy.Refusal(IPAddress.Parse("10.1.2.200")), Is.Null);
            Assert.That(policy.Refusal(IPAddress.Parse("::ffff:10.1.2.200")), Is.Null, "as the dual-mode socket reports it");
            Assert.That(policy.Refusal(IPAddress.Parse("fd00:1::5")), Is.Null);
            Assert.That(policy.Refusal(IPAddress.Parse("10.1.3.1")), Does.Contain("private"));
            Assert.That(policy.Refusal(IPAddress.Parse("127.0.0.1")), Does.Contain("loopback"));
            Assert.That(policy.Refusal(IPAddress.Parse("fd00:2::5")), Does.Contain("unique-local"));
        });
    }

    [Test]
    public void AllowPrivate_AllowsEverything()
    {
        var policy = new ImageAddressPolicy(true, []);

        Assert.That(new[] { "127.0.0.1", "169.254.169.254", "10.0.0.1", "::1", "fd00::1" }.Select(a => policy.Refusal(IPAddress.Parse(a))), Is.All.Null);
    }
}
