using System;
using System.Security;
using System.Text.Json;
using IotStudio.Auth;
using IotStudio.Json;

namespace IotStudio.Api
{
    /// <summary>
    /// The fields of MQTT credentials that a caller sets on a create or an update (<c>{enabled, username, password,
    /// description}</c>, and <c>collection_name</c> for a Category's credentials). Only the fields that were given are
    /// written. The password stays a SecureString; its text exists only while the request body is being written.
    /// </summary>
    public sealed class MqttCredentialFields : IJsonWritable
    {
        /// <summary><c>enabled</c>: whether the broker accepts the credentials; null leaves it to the service.</summary>
        public bool? Enabled { get; set; }
        /// <summary><c>username</c>: the MQTT user name.</summary>
        public string Username { get; set; }
        /// <summary><c>password</c>: the MQTT password; null sends none (an update then keeps the current one).</summary>
        public SecureString Password { get; set; }
        /// <summary><c>description</c>.</summary>
        public string Description { get; set; }
        /// <summary><c>collection_name</c>: a Category's credentials only.</summary>
        public string CollectionName { get; set; }

        /// <summary>True when no field was given.</summary>
        public bool IsEmpty => Enabled == null && Username == null && Password == null && Description == null && CollectionName == null;

        /// <summary>Checks the fields before anything is sent; <paramref name="create"/> also needs a username and a password.</summary>
        internal void Check(bool create, bool category)
        {
            if (Username != null && string.IsNullOrWhiteSpace(Username))
                throw new ArgumentException("The MQTT username is empty.", nameof(Username));
            if (Password != null && Password.Length == 0)
                throw new ArgumentException("The MQTT password is empty.", nameof(Password));
            if (create && (Username == null || Password == null))
                throw new ArgumentException("MQTT credentials are created with a username and a password.", Username == null ? nameof(Username) : nameof(Password));
            if (!category && CollectionName != null)
                throw new ArgumentException("A collection name belongs to a Category's MQTT credentials, not to a Thing's.", nameof(CollectionName));
        }

        /// <inheritdoc />
        public void WriteJson(Utf8JsonWriter w, int depth)
        {
            w.WriteStartObject();
            if (Enabled.HasValue) w.WriteBoolean("enabled", Enabled.Value);
            if (Username != null) w.WriteString("username", Username);
            // The one place the password becomes text: straight into the request body.
            if (Password != null) w.WriteString("password", SecureText.Reveal(Password));
            if (Description != null) w.WriteString("description", Description);
            if (CollectionName != null) w.WriteString("collection_name", CollectionName);
            w.WriteEndObject();
        }

        /// <inheritdoc />
        public override string ToString() => Username ?? "";
    }
}
