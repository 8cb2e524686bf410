using System.Net;
using System.Net.Sockets;

namespace DeepSeekOcr.Server.Tests.Infrastructure;

/// <summary>
/// A loopback web server the OCR server downloads image_url from: /receipt.png is the sample, /slow.png answers
/// after the server's fetch timeout, anything else is 404.
/// </summary>
public sealed class ImageHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;

    public ImageHttpServer(TimeSpan slowDelay)
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(BaseUrl);
        listener.Start();
        serving = Task.Run(() => ServeAsync(slowDelay));
    }

    public string BaseUrl { get; }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Close();
        _ = serving.Wait(TimeSpan.FromSeconds(5));
        stopping.Dispose();
    }

    private async Task ServeAsync(TimeSpan slowDelay)
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }

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
                    await Task.Delay(slowDelay, stopping.Token);
                    await WriteImageAsync(context.Response);
                    break;
                default:
                    context.Response.StatusCode = 404;
                    break;
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
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

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
