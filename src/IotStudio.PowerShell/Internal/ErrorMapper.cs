using System;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using IotStudio.Api;
using IotStudio.Http;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Turns Core exceptions into ErrorRecords with a stable id, a category that follows the HTTP status, and the item as
    /// target. The id starts with the object the error is about (<see cref="Subject"/>), which is not always the cmdlet's
    /// noun: Get-IotThing -Category Nope is CategoryNotFound. Every record leaves with a recommended action (<see cref="Complete"/>).
    /// </summary>
    internal static class ErrorMapper
    {
        // The API's 404 details name what was looked up: {"category": ...}, {"thing_id": ...}, {"thing_id": ..., "category": ...}
        // (a Thing looked up in a Category), {"thing_id", "action", "action_id"}, {"model", "version"}. The missing object is
        // the most specific one named, so these keys are in that order: what sits below a Thing or a Model first, then the
        // Thing, then a Category or Model. Details without any of these keys ({"name": ...} of a Category or Model route)
        // are about the object the cmdlet itself names.
        private static readonly (string Key, string Subject)[] DetailSubjects =
        {
            ("version", "ModelVersion"),
            ("action_id", "Action"), ("action", "Action"),
            ("event_id", "Event"), ("event", "Event"),
            ("property", "Property"),
            ("thing_id", "Thing"),
            ("category", "Category"),
            ("model", "Model"),
        };

        public static ErrorRecord ToRecord(Exception ex, string noun, object target)
        {
            var (kind, category, action) = Classify(ex);
            var id = ex is IotStudioConnectionClosedException ? kind : (Subject(ex) ?? noun) + kind;
            var record = new ErrorRecord(ex, id, category, target);
            var message = ex switch
            {
                IotStudioApiException api => api.ApiMessage,
                IotStudioOAuthException oauth => string.IsNullOrEmpty(oauth.ErrorDescription) ? oauth.Error : $"{oauth.Error}: {oauth.ErrorDescription}",
                _ => null,
            };
            if (ex is ArgumentException && Validate.SubjectOf(ex) == "Thing" && Validate.LooksLikeTitle(Validate.ValueOf(ex)))
                action = string.Format(CultureInfo.CurrentCulture, Strings.ActionThingIdLooksLikeTitle, Validate.ValueOf(ex));
            var details = new ErrorDetails(Describe(ex, message));
            if (action != null) details.RecommendedAction = action;
            record.ErrorDetails = details;
            return record;
        }

        /// <summary>
        /// What the error is about, when the exception says so: the object a 404's details name as missing, what an invalid
        /// id or name was meant to name, or the connection. Null when the exception does not say (the cmdlet's noun is used).
        /// </summary>
        internal static string Subject(Exception ex)
        {
            switch (ex)
            {
                case ArgumentException bad when Validate.SubjectOf(bad) != null:
                    return Validate.SubjectOf(bad);
                case IotStudioConnectionClosedException _:
                    return "Connection";
                case IotStudioApiException api when api.StatusCode == 404:
                    return MissingObject(api.Details);
                default:
                    return null;
            }
        }

        /// <summary>The object the details of a 404 name as missing (see <see cref="DetailSubjects"/>), or null.</summary>
        internal static string MissingObject(OrderedDictionary details)
        {
            if (details == null) return null;
            foreach (var (key, subject) in DetailSubjects)
                if (details.Contains(key)) return subject;
            return null;
        }

        /// <summary>
        /// Gives a record that has none a recommended action (from its category), so that every error the module writes
        /// says what to do next. Records that already have one are returned as they are.
        /// </summary>
        public static ErrorRecord Complete(ErrorRecord record, string commandName)
        {
            if (record == null || !string.IsNullOrEmpty(record.ErrorDetails?.RecommendedAction)) return record;
            var details = record.ErrorDetails ?? new ErrorDetails(record.Exception?.Message ?? record.ToString());
            details.RecommendedAction = DefaultAction(record.CategoryInfo.Category, commandName);
            record.ErrorDetails = details;
            return record;
        }

        private static string DefaultAction(ErrorCategory category, string commandName)
        {
            switch (category)
            {
                case ErrorCategory.InvalidArgument:
                case ErrorCategory.InvalidData:
                case ErrorCategory.InvalidType:
                case ErrorCategory.SyntaxError:
                    return string.Format(CultureInfo.CurrentCulture, Strings.ActionInvalidArgument, commandName);
                case ErrorCategory.ObjectNotFound: return Strings.ActionNotFound;
                case ErrorCategory.ConnectionError: return Strings.ActionReconnect;
                case ErrorCategory.AuthenticationError: return Strings.ActionUnauthorized;
                case ErrorCategory.PermissionDenied: return Strings.ActionForbidden;
                case ErrorCategory.ResourceExists: return Strings.ActionConflict;
                case ErrorCategory.LimitsExceeded: return Strings.ActionThrottled;
                case ErrorCategory.OperationTimeout: return Strings.ActionTimeout;
                case ErrorCategory.InvalidResult: return Strings.ActionServer;
                default: return Strings.ActionDiagnose;
            }
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
                case IotStudioConnectionClosedException _:
                    return ("ConnectionClosed", ErrorCategory.ConnectionError, Strings.ActionReconnect);
                case IotStudioApiException api:
                    return FromStatus(api.StatusCode);
                case IotStudioTransportException t:
                    return t.TimedOut
                        ? ("Timeout", ErrorCategory.OperationTimeout, Strings.ActionTransport)
                        : ("ConnectionFailed", ErrorCategory.ConnectionError, Strings.ActionTransport);
                case IotStudioPagingException _:
                    return ("PagingCursorRepeated", ErrorCategory.InvalidResult, Strings.ActionServer);
                case IotStudioResponseException _:
                    return ("InvalidResponse", ErrorCategory.InvalidResult, Strings.ActionServer);
                case ObjectDisposedException _:
                    return ("ConnectionClosed", ErrorCategory.ConnectionError, Strings.ActionReconnect);
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
