using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Api
{
    /// <summary>
    /// An email for <c>POST /spaces/{s}/communications/email</c>: recipients, subject, and a text body, an HTML body or
    /// both (<c>{"to": [..], "cc": [..], "bcc": [..], "subject": "..", "body": {"html": "..", "text": ".."}}</c>).
    /// </summary>
    public sealed class EmailMessage : IJsonWritable
    {
        /// <summary>Recipients (at least one).</summary>
        public IList<string> To { get; set; } = new List<string>();
        /// <summary>Copy recipients.</summary>
        public IList<string> Cc { get; set; } = new List<string>();
        /// <summary>Blind-copy recipients.</summary>
        public IList<string> Bcc { get; set; } = new List<string>();
        /// <summary>The subject line.</summary>
        public string Subject { get; set; }
        /// <summary>The plain-text body.</summary>
        public string TextBody { get; set; }
        /// <summary>The HTML body.</summary>
        public string HtmlBody { get; set; }

        /// <summary>Every recipient: To, then Cc, then Bcc.</summary>
        public IEnumerable<string> Recipients => (To ?? Enumerable.Empty<string>()).Concat(Cc ?? Enumerable.Empty<string>()).Concat(Bcc ?? Enumerable.Empty<string>());

        /// <summary>
        /// Throws ArgumentException, naming the first bad address and where it is, unless there is at least one To
        /// recipient and every recipient is a plain address (see <see cref="Validate.EmailAddress"/>).
        /// </summary>
        public void Check()
        {
            if (To == null || To.Count == 0) throw new ArgumentException("An email needs at least one To recipient.", nameof(To));
            foreach (var (list, field) in new[] { (To, nameof(To)), (Cc, nameof(Cc)), (Bcc, nameof(Bcc)) })
                if (list != null)
                    foreach (var address in list)
                        Validate.EmailAddress(address, field);
        }

        /// <inheritdoc />
        public void WriteJson(Utf8JsonWriter w, int depth)
        {
            w.WriteStartObject();
            WriteList(w, "to", To);
            if (Cc != null && Cc.Count > 0) WriteList(w, "cc", Cc);
            if (Bcc != null && Bcc.Count > 0) WriteList(w, "bcc", Bcc);
            if (Subject != null) w.WriteString("subject", Subject);
            if (TextBody != null || HtmlBody != null)
            {
                w.WriteStartObject("body");
                if (HtmlBody != null) w.WriteString("html", HtmlBody);
                if (TextBody != null) w.WriteString("text", TextBody);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }

        private static void WriteList(Utf8JsonWriter w, string name, IList<string> values)
        {
            w.WriteStartArray(name);
            if (values != null) foreach (var v in values) w.WriteStringValue(v);
            w.WriteEndArray();
        }

        /// <inheritdoc />
        public override string ToString() => $"'{Subject}' to {string.Join(", ", To ?? Array.Empty<string>())}";
    }
}
