using System;
using System.Management.Automation;
using System.Text;
using IotStudio.Http;

namespace IotStudio.PowerShell
{
    /// <summary>Turns Core exceptions into ErrorRecords with a stable id, a category that follows the HTTP status, and the item as target.</summary>
    internal static class ErrorMapper
    {
        public static ErrorRecord ToRecord(Exception ex, string noun, object target)
        {
            var (kind, category, action) = Classify(ex);
            var record = new ErrorRecord(ex, noun + kind, category, target);
            var message = ex switch
            {
                IotStudioApiException api => api.ApiMessage,
                IotStudioOAuthException oauth => string.IsNullOrEmpty(oauth.ErrorDescription) ? oauth.Error : $"{oauth.Error}: {oauth.ErrorDescription}",
                _ => null,
            };
            var details = new ErrorDetails(Describe(ex, message));
            if (action != null) details.RecommendedAction = action;
            record.ErrorDetails = details;
            return record;
        }

        private static string Describe(Exception ex, string apiMessage)
        {
            if (!(ex is IotStudioException io) || io.Method == null) return apiMessage ?? ex.Message;
            var sb = new StringBuilder();
            sb.Append(io.Method).Append(' ').Append(io.Path);
            if (io.StatusCode > 0) sb.Append(" failed with ").Append(io.StatusCode).Append(": ").Append(apiMessage ?? ex.Message);
            else sb.Append(": ").Append(ex.Message);
            return sb.ToString();
        }

        internal static (string Kind, ErrorCategory Category, string Action) Classify(Exception ex)
        {
            switch (ex)
            {
                case IotStudioOAuthException oauth:
                    return ("OAuth" + Pascal(oauth.Error), ErrorCategory.AuthenticationError, Strings.ActionOAuth);
                case IotStudioCursorExpiredException _:
                    return ("CursorExpired", ErrorCategory.ObjectNotFound, Strings.ActionCursorExpired);
                case IotStudioApiException api:
                    return FromStatus(api.StatusCode);
                case IotStudioTransportException t:
                    return t.TimedOut
                        ? ("Timeout", ErrorCategory.OperationTimeout, Strings.ActionTransport)
                        : ("ConnectionFailed", ErrorCategory.ConnectionError, Strings.ActionTransport);
                case IotStudioPagingException _:
                    return ("PagingCursorRepeated", ErrorCategory.InvalidResult, null);
                case IotStudioResponseException _:
                    return ("InvalidResponse", ErrorCategory.InvalidResult, Strings.ActionServer);
                case ObjectDisposedException _:
                    return ("ConnectionClosed", ErrorCategory.ConnectionError, null);
                case ArgumentException _:
                case OverflowException _:
                case FormatException _:
                    return ("InvalidArgument", ErrorCategory.InvalidArgument, null);
                case InvalidOperationException _:
                    return ("InvalidOperation", ErrorCategory.InvalidOperation, null);
                default:
                    return ("Failed", ErrorCategory.NotSpecified, null);
            }
        }

        private static (string, ErrorCategory, string) FromStatus(int status)
        {
            switch (status)
            {
                case 400: return ("BadRequest", ErrorCategory.InvalidArgument, Strings.ActionBadRequest);
                case 401: return ("Unauthorized", ErrorCategory.AuthenticationError, Strings.ActionUnauthorized);
                case 403: return ("Forbidden", ErrorCategory.PermissionDenied, Strings.ActionForbidden);
                case 404: return ("NotFound", ErrorCategory.ObjectNotFound, Strings.ActionNotFound);
                case 408: return ("RequestTimeout", ErrorCategory.OperationTimeout, Strings.ActionServer);
                case 409: return ("Conflict", ErrorCategory.ResourceExists, Strings.ActionConflict);
                case 413: return ("PayloadTooLarge", ErrorCategory.LimitsExceeded, Strings.ActionTooLarge);
                case 429: return ("TooManyRequests", ErrorCategory.LimitsExceeded, Strings.ActionThrottled);
                case 502: return ("BadGateway", ErrorCategory.ConnectionError, Strings.ActionServer);
                case 503: return ("ServiceUnavailable", ErrorCategory.ConnectionError, Strings.ActionServer);
                case 504: return ("GatewayTimeout", ErrorCategory.ConnectionError, Strings.ActionServer);
            }
            if (status >= 500) return ("ServerError", ErrorCategory.InvalidResult, Strings.ActionServer);
            return ("HttpError" + status, ErrorCategory.InvalidOperation, null);
        }

        private static string Pascal(string oauthError)
        {
            if (string.IsNullOrEmpty(oauthError)) return "Error";
            var sb = new StringBuilder();
            foreach (var part in oauthError.Split(new[] { '_', '-', ' ' }, StringSplitOptions.RemoveEmptyEntries))
                sb.Append(char.ToUpperInvariant(part[0])).Append(part.Substring(1));
            return sb.ToString();
        }
    }
}
