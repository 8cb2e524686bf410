using DeepSeekOcr.Client.Http;
using Refit;

namespace DeepSeekOcr.Client;

/// <summary>
/// Where a failure gets its status: every path that turns something into an <see cref="OcrException"/> (an HTTP
/// answer, what the HTTP stack throws, a fired deadline, an error object from the server, a broken stream, an
/// exception no one foresaw) asks here, so a status means the same thing for a whole answer, a stream and the exports.
/// </summary>
internal static class OcrFailures
{
    /// <summary>The status of an answer that is not a success.</summary>
    public static OcrStatus ForHttpStatus(int httpStatus) => httpStatus switch
    {
        401 or 403 => OcrStatus.Auth,
        429 => OcrStatus.RateLimited,
        >= 500 => OcrStatus.Server,
        _ => OcrStatus.Http,
    };

    /// <summary>The caller's token fired.</summary>
    public static OcrException Cancelled(Exception cause) =>
        new(OcrStatus.Cancelled, "the call was cancelled", innerException: cause);

    /// <summary>The whole-call deadline fired.</summary>
    public static OcrException CallTimedOut(TimeSpan timeout, string name, Exception cause) =>
        new(OcrStatus.Timeout, $"the request took longer than the timeout of {timeout.TotalMilliseconds:0} ms ({name})", innerException: cause);

    /// <summary>The idle watchdog fired while an answer was arriving.</summary>
    public static OcrException IdleTimedOut(TimeSpan idleTimeout, string name, Exception cause) =>
        new(OcrStatus.Timeout, $"the server sent nothing for {idleTimeout.TotalMilliseconds:0} ms while answering ({name})", innerException: cause);

    /// <summary>A token fired that none of the call's deadlines explains.</summary>
    public static OcrException StoppedUnexpectedly(Exception cause) =>
        new(OcrStatus.Internal, $"the call stopped unexpectedly: {cause.Message}", innerException: cause);

    /// <summary>The server's error object, in a body that should have been an answer or mid-stream.</summary>
    public static OcrException ServerReported(ResponseOrigin origin, ServerError error, bool midStream) =>
        origin.Failure(
            OcrStatus.Server,
            $"the server reported an error{(midStream ? " mid-stream" : "")}: {ServerErrorReader.Summary(error)}",
            error);

    /// <summary>The connection broke after the answer had begun: no HTTP status, as the answer did not arrive.</summary>
    public static OcrException ConnectionBroke(ResponseOrigin origin, Exception cause) =>
        new(OcrStatus.Network, $"the connection broke while the answer was arriving: {cause.Message}", innerException: cause) { RequestId = origin.RequestId };

    /// <summary>What the HTTP stack threw while a request was sent and its answer's head awaited.</summary>
    public static OcrException FromSend(Exception e, OcrClientSettings settings)
    {
        if (Carried(e) is { } ocr)
        {
            return ocr; // thrown while the body was being written, e.g. an image file that shrank
        }

        e = Unwrapped(e);
        string target = settings.BaseAddress.GetLeftPart(UriPartial.Authority);
        return e switch
        {
            // SocketsHttpHandler's ConnectTimeout: the one cancellation that is not one of the call's own tokens.
            OperationCanceledException { InnerException: TimeoutException } =>
                new OcrException(OcrStatus.Timeout, $"could not connect to {target} within {settings.Options.ConnectTimeout.TotalMilliseconds:0} ms ({settings.Options.Names.ConnectTimeout}){FailureAdvice.Unreachable(settings, e)}", innerException: e),
            HttpRequestException http =>
                new OcrException(OcrStatus.Network, $"cannot reach {target}: {http.Message}{InnerMessage(http)}{FailureAdvice.Unreachable(settings, e)}", innerException: e),
            IOException =>
                new OcrException(OcrStatus.Network, $"the connection to {target} broke: {e.Message}", innerException: e),
            _ => new OcrException(OcrStatus.Internal, $"unexpected {e.GetType().Name}: {e.Message}", innerException: e),
        };
    }

    /// <summary>An exception no path foresaw, as the exports report it: only its type and message are kept.</summary>
    public static OcrException Unforeseen(Exception e) =>
        e as OcrException ?? new OcrException(OcrStatus.Internal, $"internal error: {e.GetType().Name}: {e.Message}", innerException: e);

    /// <summary>What the HTTP stack threw, without Refit's wrapping (ApiRequestException): the cause tells the status.</summary>
    public static Exception Unwrapped(Exception e)
    {
        while (e is ApiRequestException { InnerException: { } cause })
        {
            e = cause;
        }

        return e;
    }

    /// <summary>An <see cref="OcrException"/> that another exception carries (Refit and the HTTP stack wrap it).</summary>
    public static OcrException? Carried(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is OcrException ocr)
            {
                return ocr;
            }
        }

        return null;
    }

    private static string InnerMessage(Exception e) =>
        e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $" ({inner.Message})" : "";
}
