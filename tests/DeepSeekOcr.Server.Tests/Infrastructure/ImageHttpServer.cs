using System.Net;
using System.Net.Sockets;

namespace DeepSeekOcr.Server.Tests.Infrastructure;

/// <summary>
/// A loopback web server the OCR server downloads image_url from: /receipt.png is the sample, /slow.png answers
/// after <c>slowDelay</c>, /held.png answers once <see cref="ReleaseHeld"/> is next called, /redirect?to=URL answers 302
/// to URL, anything else is 404. It listens on <paramref name="host"/> (any 127.x.y.z address is loopback on Linux).
/// </summary>
public sealed class ImageHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _heldArrivals = new(0);
    private readonly Task _serving;
    private int _requests;

    public ImageHttpServer(TimeSpan slowDelay, string host = "127.0.0.1")
    {
        var port = FreePort(IPAddress.Parse(host));
        BaseUrl = $"http://{host}:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _serving = Task.Run(() => ServeAsync(slowDelay));
    }

    public string BaseUrl { get; }

    /// <summary>Requests received so far, whatever their path.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Waits until <paramref name="count"/> requests for /held.png have arrived (and are being held).</summary>
    public async Task WaitForHeldAsync(int count, TimeSpan timeout)
    {
        for (var i = 0; i < count; i++)
        {
            if (!await _heldArrivals.WaitAsync(timeout))
            {
                throw new TimeoutException($"only {i} of {count} requests for /held.png arrived within {timeout.TotalSeconds} s");
            }
        }
    }

    /// <summary>Lets every request held so far have its image; later ones are held until the next call.</summary>
    public void ReleaseHeld() =>
        Interlocked.Exchange(ref _released, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public void Dispose()
    {
        ReleaseHeld();
        _stopping.Cancel();
        _listener.Close();
        _ = _serving.Wait(TimeSpan.FromSeconds(5));
        _stopping.Dispose();
        _heldArrivals.Dispose();
    }

    private async Task ServeAsync(TimeSpan slowDelay)
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            _ = Task.Run(() => AnswerAsync(context, slowDelay));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, TimeSpan slowDelay)
    {
        try
        {
            switch (context.Request.Url!.AbsolutePath)
            {
                case "/receipt.png":
                    await WriteImageAsync(context.Response);
                    break;
                case "/slow.png":
                    await Task.Delay(slowDelay, _stopping.Token);
                    await WriteImageAsync(context.Response);
                    break;
                case "/held.png":
                    var release = Volatile.Read(ref _released).Task;
                    _heldArrivals.Release();
                    await release.WaitAsync(_stopping.Token);
                    await WriteImageAsync(context.Response);
                    break;
                case "/redirect":
                    context.Response.StatusCode = 302;
                    context.Response.RedirectLocation = context.Request.QueryString["to"];
                    break;
                default:
                    context.Response.StatusCode = 404;
                    break;
            }
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: the client is gone too.
        }
        catch (HttpListenerException)
        {
            // The OCR server gave up on the download (the slow case): nothing to answer.
        }
        finally
        {
            context.Response.Close();
        }
    }

    private static async Task WriteImageAsync(HttpListenerResponse response)
    {
        var bytes = Samples.Bytes("receipt.png");
        response.ContentType = "image/png";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    private static int FreePort(IPAddress address)
    {
        using var probe = new TcpListener(address, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
