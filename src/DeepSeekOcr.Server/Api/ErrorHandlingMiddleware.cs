namespace DeepSeekOcr.Server.Api;

/// <summary>
/// The one place failures become responses: refusals get their error object, Kestrel's own limits (body too
/// large) get theirs, anything else is logged and answered with a 500 that shows no internals.
/// </summary>
public sealed partial class ErrorHandlingMiddleware(ILogger<ErrorHandlingMiddleware> logger, long maxBodyBytes)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (ApiException e)
        {
            await AnswerAsync(context, e).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            await AnswerAsync(
                context,
                e.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? ApiErrors.PayloadTooLarge(maxBodyBytes)
                    : new ApiException(e.StatusCode, ApiErrors.InvalidRequest, e.Message)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The last line of defence: every other failure must still get an error object.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUnexpected(logger, e, context.Request.Path);
            await AnswerAsync(context, ApiErrors.Internal("the server failed to process the request; see the server log")).ConfigureAwait(false);
        }
    }

    private static async Task AnswerAsync(HttpContext context, ApiException error)
    {
        if (context.Response.HasStarted)
        {
            // A stream already under way cannot change its status; it simply ends. The client sees no [DONE].
            return;
        }

        context.Response.Clear();
        await ErrorResponseWriter.WriteAsync(context, error).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request to {Path} failed")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, PathString path);
}
