using System;
using System.Linq;
using System.Text;

namespace IotStudio.Json
{
    /// <summary>RFC 6901 JSON Pointers: <c>/properties/temperature/title</c>, with '~' written <c>~0</c> and '/' written <c>~1</c> inside a name.</summary>
    public static class JsonPointer
    {
        /// <summary>One field name as a pointer segment: '~' becomes <c>~0</c>, '/' becomes <c>~1</c>.</summary>
        public static string Escape(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            return name.Replace("~", "~0").Replace("/", "~1");
        }

        /// <summary>A pointer from field names, each escaped: <c>Create("properties", "a/b")</c> is <c>/properties/a~1b</c>.</summary>
        public static string Create(params string[] names)
        {
            if (names == null || names.Length == 0) throw new ArgumentException("A JSON Pointer needs at least one field name.", nameof(names));
            var sb = new StringBuilder();
            foreach (var n in names) sb.Append('/').Append(Escape(n ?? throw new ArgumentException("A field name cannot be null.", nameof(names))));
            return sb.ToString();
        }

        /// <summary>
        /// A pointer from a key as people write it: a key that starts with '/' is a JSON Pointer and is used as it is
        /// (after checking it); any other key is a path of field names relative to the document, separated by '/'
        /// (<c>properties/temperature/title</c>), where each name is escaped (a '~' in a name is sent as <c>~0</c>).
        /// A name that itself holds '/' is written in pointer form, with <c>~1</c>.
        /// </summary>
        public static string FromKey(string key)
        {
            if (string.IsNullOrEmpty(key)) throw new ArgumentException("A path cannot be empty: name a field, such as description or properties/temperature/title.", nameof(key));
            if (key[0] == '/') return Check(key, nameof(key));
            var names = key.Split('/');
            if (names.Any(n => n.Length == 0))
                throw new ArgumentException($"The path '{key}' has an empty field name (a doubled or trailing '/').", nameof(key));
            return Create(names);
        }

        /// <summary>True for a pointer that starts with '/' and escapes '~' only as <c>~0</c> or <c>~1</c>.</summary>
        public static bool IsValid(string pointer)
        {
            if (string.IsNullOrEmpty(pointer) || pointer[0] != '/') return false;
            for (var i = 0; i < pointer.Length; i++)
            {
                if (pointer[i] != '~') continue;
                if (i + 1 >= pointer.Length || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) return false;
            }
            return true;
        }

        /// <summary>Throws ArgumentException unless <paramref name="pointer"/> is valid; returns it.</summary>
        public static string Check(string pointer, string what)
        {
            if (string.IsNullOrEmpty(pointer) || pointer[0] != '/')
                throw new ArgumentException($"'{pointer}' is not a JSON Pointer: it must start with '/', such as /description or /properties/temperature/title.", what);
            if (!IsValid(pointer))
                throw new ArgumentException($"'{pointer}' is not a valid JSON Pointer: a '~' must be written ~0, and a '/' inside a name ~1.", what);
            return pointer;
        }
    }
}
