using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class EmailApiTests
    {
        private static EmailMessage Message() => new EmailMessage
        {
            To = new List<string> { "ops@example.com", "on-call@example.org" },
            Cc = new List<string> { "lead@example.com" },
            Bcc = new List<string> { "audit@example.com" },
            Subject = "Boiler 7 overheats",
            TextBody = "97.5 °C",
            HtmlBody = "<b>97.5 °C</b>",
        };

        [Fact]
        public async Task Send_PostsTheMessage_AndAccepts202WithNoBody()
        {
            var handler = new FakeHandler().Always(_ => Respond.Status(202));
            using var client = WithToken(handler);

            await client.Email.SendAsync(Space, Message(), None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("POST", r.Method);
            Assert.Equal("/spaces/space1/communications/email", r.Path);
            using var doc = System.Text.Json.JsonDocument.Parse(r.Body);
            var root = doc.RootElement;
            Assert.Equal(new[] { "to", "cc", "bcc", "subject", "body" }, root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(new[] { "ops@example.com", "on-call@example.org" }, root.GetProperty("to").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("lead@example.com", root.GetProperty("cc")[0].GetString());
            Assert.Equal("audit@example.com", root.GetProperty("bcc")[0].GetString());
            Assert.Equal("Boiler 7 overheats", root.GetProperty("subject").GetString());
            Assert.Equal("<b>97.5 °C</b>", root.GetProperty("body").GetProperty("html").GetString());
            Assert.Equal("97.5 °C", root.GetProperty("body").GetProperty("text").GetString());
        }

        [Fact]
        public async Task Send_LeavesOutWhatWasNotGiven()
        {
            var handler = new FakeHandler().Always(_ => Respond.Status(202));
            using var client = WithToken(handler);

            await client.Email.SendAsync(Space, new EmailMessage { To = new List<string> { "ops@example.com" }, Subject = "s", TextBody = "t" }, None);
            await client.Email.SendAsync(Space, new EmailMessage { To = new List<string> { "ops@example.com" }, HtmlBody = "<p/>", Cc = null }, None);

            Assert.Equal(new[]
            {
                "{\"to\":[\"ops@example.com\"],\"subject\":\"s\",\"body\":{\"text\":\"t\"}}",
                "{\"to\":[\"ops@example.com\"],\"body\":{\"html\":\"\\u003Cp/\\u003E\"}}",
            }, handler.Requests.Select(r => r.Body));
        }

        [Fact]
        public async Task TooLarge_IsA413ApiException_NotRetried()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(413, "{\"error\":{\"status\":413,\"message\":\"the message is too large\"}}"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Email.SendAsync(Space, Message(), None));

            Assert.Equal(413, ex.StatusCode);
            Assert.Single(handler.Requests);
        }

        [Theory]
        [InlineData("to", "not-an-address")]
        [InlineData("to", "Ops <ops@example.com>")]
        [InlineData("to", " ops@example.com")]
        [InlineData("to", "ops@example.com;x@example.com")]
        [InlineData("to", "ops@")]
        [InlineData("to", "@example.com")]
        [InlineData("to", "")]
        [InlineData("to", null)]
        [InlineData("cc", "two words@example.com")]
        [InlineData("bcc", "a@b@c")]
        public async Task ABadRecipient_IsRefusedBeforeAnyRequest_NamingIt(string field, string address)
        {
            var handler = new FakeHandler().Always(_ => Respond.Status(202));
            using var client = WithToken(handler);
            var message = Message();
            (field == "to" ? message.To : field == "cc" ? message.Cc : message.Bcc).Add(address);

            var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Email.SendAsync(Space, message, None));

            Assert.Contains($"'{address}'", ex.Message);
            Assert.Contains(field == "to" ? "(To)" : field == "cc" ? "(Cc)" : "(Bcc)", ex.Message);
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task NoRecipient_IsRefusedBeforeAnyRequest()
        {
            var handler = new FakeHandler().Always(_ => Respond.Status(202));
            using var client = WithToken(handler);

            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Email.SendAsync(Space, new EmailMessage { Subject = "s", TextBody = "t" }, None));

            Assert.Empty(handler.Requests);
        }

        [Theory]
        [InlineData("ops@example.com", true)]
        [InlineData("first.last+tag@sub.example.co.uk", true)]
        [InlineData("o'brien@example.ie", true)]
        [InlineData("ops@localhost", true)]
        [InlineData("ops", false)]
        [InlineData("ops@example.com ", false)]
        [InlineData("\"Ops\" <ops@example.com>", false)]
        [InlineData("ops@example.com,x@example.com", false)]
        [InlineData("ops\n@example.com", false)]
        public void IsEmailAddress_AcceptsPlainAddressesOnly(string address, bool expected)
        {
            Assert.Equal(expected, Validate.IsEmailAddress(address));
        }
    }
}
