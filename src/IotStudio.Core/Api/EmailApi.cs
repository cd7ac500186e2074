using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;

namespace IotStudio.Api
{
    /// <summary>Email through the service's Communications API.</summary>
    public sealed class EmailApi
    {
        private readonly IotStudioClient _client;
        internal EmailApi(IotStudioClient client) { _client = client; }

        /// <summary>
        /// Sends an email: <c>POST /spaces/{s}/communications/email</c>, answered 202 with no body. Every recipient is
        /// checked before anything is sent; a message the service finds too large fails with 413.
        /// </summary>
        [ApiOperation("SendEmail")]
        public Task SendAsync(string space, EmailMessage message, CancellationToken ct)
        {
            var path = ApiRequest.Path("spaces", Validate.Space(space), "communications", "email");
            (message ?? throw new System.ArgumentNullException(nameof(message))).Check();
            return _client.SendAsync(new ApiRequest("POST", path).WithJson(message), ct);
        }
    }
}
