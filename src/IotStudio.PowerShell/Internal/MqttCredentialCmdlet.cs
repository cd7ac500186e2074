using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Http;
using IotStudio.Models;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Base of the MQTT credential cmdlets. Credentials belong to a Category (-Category alone), a Thing (-ThingId) or a
    /// Thing reached through a Category (both). Both parameters are optional and bind by property name, so a piped Thing
    /// (Uid, Space), Category (Name, Space) or MqttCredential (ThingId, Category, Space) names its credentials; an item
    /// that names neither is refused before any request. (Parameter sets cannot say "one or both" here: PowerShell picks
    /// the default set for a piped object that could fill several, and would drop the other parameter.)
    /// </summary>
    public abstract class MqttCredentialCmdlet : IotStudioSpaceCmdlet
    {
        /// <summary>The Thing whose credentials these are; leave it out for a Category's own credentials.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Uid")]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(Completion.ThingIdCompleter))]
        [PipelineSource(typeof(Thing))]
        public string ThingId { get; set; }

        /// <summary>The Category: alone, the Category's own credentials; with -ThingId, the Thing's through the Category's path.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CategoryName", "Name")]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(Completion.CategoryNameCompleter))]
        [PipelineSource(typeof(Category))]
        public string Category { get; set; }

        /// <summary>Whose credentials: a Category's or a Thing's, in one space.</summary>
        protected sealed class Owner
        {
            internal Owner(string space, string category, string thingId)
            {
                Space = space;
                Category = string.IsNullOrEmpty(category) ? null : category;
                ThingId = string.IsNullOrEmpty(thingId) ? null : thingId;
            }

            /// <summary>The space.</summary>
            public string Space { get; }
            /// <summary>The Category, or null.</summary>
            public string Category { get; }
            /// <summary>The Thing, or null for a Category's own credentials.</summary>
            public string ThingId { get; }
            /// <summary>True when neither a Thing nor a Category was given.</summary>
            public bool IsEmpty => ThingId == null && Category == null;
            /// <summary>The Thing's path (plain or through the Category); only for a Thing's credentials.</summary>
            public ThingPath Thing => new ThingPath(Space, ThingId, Category);
            /// <summary>The item an error is about: the Thing id, or the Category name.</summary>
            public object ErrorTarget => (object)ThingId ?? Category;
            /// <summary>The credentials as one resource, whichever path reaches them: requests for the same key go one after the other.</summary>
            public string Key => ThingId != null ? $"{Space}/things/{ThingId}" : $"{Space}/categories/{Category}";

            /// <summary>"MQTT credentials of Thing X in space S" and its Category variants, for -WhatIf and -Confirm.</summary>
            public string Describe()
            {
                if (ThingId == null) return string.Format(CultureInfo.CurrentCulture, Strings.MqttOfCategory, Category, Space);
                if (Category == null) return string.Format(CultureInfo.CurrentCulture, Strings.MqttOfThing, ThingId, Space);
                return string.Format(CultureInfo.CurrentCulture, Strings.MqttOfThingInCategory, ThingId, Category, Space);
            }
        }

        /// <summary>The connection and the owner of the credentials, or a terminating error when there is no connection or space.</summary>
        protected (IotStudioConnection Connection, Owner Owner) MqttTarget()
        {
            var (connection, space) = Target();
            return (connection, new Owner(space, Category, ThingId));
        }

        /// <summary>An argument error for an item that names neither a Thing nor a Category; thrown inside ForItem.</summary>
        protected static void RequireOwner(Owner owner)
        {
            if (owner.IsEmpty) throw new ArgumentException(Strings.MqttNeedsOwner);
        }

        /// <summary>
        /// Sends one change to the credentials the item names, once ShouldProcess allows it (<see cref="Owner.Describe"/>,
        /// <paramref name="action"/>): an item that names neither a Thing nor a Category fails before that. <paramref name="change"/>
        /// reads the parameters on the pipeline thread and returns the request; requests for one owner go one after the other.
        /// </summary>
        protected void SendChange<T>(string action, Func<IotStudioClient, Owner, Func<CancellationToken, Task<T>>> change, Action<T> write) =>
            ForChange(action, (client, owner) => Send(owner.ErrorTarget, owner.Key, change(client, owner), write));

        /// <summary>Sends one change that answers nothing; see <see cref="SendChange{T}"/>.</summary>
        protected void SendChange(string action, Func<IotStudioClient, Owner, Func<CancellationToken, Task>> change) =>
            ForChange(action, (client, owner) => Send(owner.ErrorTarget, owner.Key, change(client, owner)));

        private void ForChange(string action, Action<IotStudioClient, Owner> send)
        {
            var (connection, owner) = MqttTarget();
            ForItem(owner.ErrorTarget, () =>
            {
                RequireOwner(owner);
                if (ShouldProcess(owner.Describe(), action)) send(connection.Client, owner);
            });
        }

        /// <summary>Reads the owner's credentials.</summary>
        protected static Task<MqttCredential> ReadAsync(IotStudioClient client, Owner owner, CancellationToken ct) => owner.ThingId == null
            ? client.MqttCredentials.GetAsync(owner.Space, owner.Category, ct)
            : client.MqttCredentials.GetAsync(owner.Thing, ct);

        /// <summary>Creates the owner's credentials.</summary>
        protected static Task<MqttCredential> CreateAsync(IotStudioClient client, Owner owner, MqttCredentialFields fields, CancellationToken ct) => owner.ThingId == null
            ? client.MqttCredentials.CreateAsync(owner.Space, owner.Category, fields, ct)
            : client.MqttCredentials.CreateAsync(owner.Thing, fields, ct);

        /// <summary>Updates the owner's credentials with the fields given.</summary>
        protected static Task<MqttCredential> UpdateAsync(IotStudioClient client, Owner owner, MqttCredentialFields fields, CancellationToken ct) => owner.ThingId == null
            ? client.MqttCredentials.UpdateAsync(owner.Space, owner.Category, fields, ct)
            : client.MqttCredentials.UpdateAsync(owner.Thing, fields, ct);

        /// <summary>Deletes the owner's credentials.</summary>
        protected static Task DeleteAsync(IotStudioClient client, Owner owner, CancellationToken ct) => owner.ThingId == null
            ? client.MqttCredentials.DeleteAsync(owner.Space, owner.Category, ct)
            : client.MqttCredentials.DeleteAsync(owner.Thing, ct);
    }
}
