using System;
using System.Net.Mail;
using System.Text.RegularExpressions;

namespace IotStudio.Api
{
    /// <summary>Checks names and ids before anything is sent, with messages a person can act on.</summary>
    public static class Validate
    {
        private static readonly Regex NamePattern = new Regex(@"^[a-zA-Z0-9_:-]{1,26}\z", RegexOptions.CultureInvariant);
        private static readonly Regex UlidPattern = new Regex(@"^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}\z", RegexOptions.CultureInvariant);

        /// <summary>True for a valid Category or Model name.</summary>
        public static bool IsName(string value) => value != null && NamePattern.IsMatch(value);
        /// <summary>True for a ULID (26 Crockford base32 characters).</summary>
        public static bool IsUlid(string value) => value != null && UlidPattern.IsMatch(value);

        /// <summary>Throws ArgumentException unless the value is a valid name.</summary>
        public static string Name(string value, string what)
        {
            if (!IsName(value))
                throw About(new ArgumentException($"'{value}' is not a valid {what} name: use 1 to 26 letters, digits, '_', ':' or '-'.", what), Subject(what), value);
            return value;
        }

        /// <summary>Throws ArgumentException unless the value is a ULID.</summary>
        public static string Ulid(string value, string what)
        {
            if (!IsUlid(value))
                throw About(new ArgumentException($"'{value}' is not a valid {what}: expected a ULID of 26 Crockford base32 characters, like 01GQ2E9M2Y45BX9EW0X3D6QGXQ.", what), Subject(what), value);
            return value;
        }

        /// <summary>
        /// True for a usable action or event name: not blank, no control character, no '/' or '\\', and not '.' or '..'
        /// (which a URL resolver would turn into another path). The API sets no other rule on these names.
        /// </summary>
        public static bool IsAffordanceName(string value)
        {
            if (string.IsNullOrWhiteSpace(value) || value == "." || value == "..") return false;
            foreach (var c in value)
                if (char.IsControl(c) || c == '/' || c == '\\') return false;
            return true;
        }

        /// <summary>Throws ArgumentException unless the value is a usable action or event name (see <see cref="IsAffordanceName"/>).</summary>
        public static string AffordanceName(string value, string what)
        {
            if (!IsAffordanceName(value))
                throw new ArgumentException($"'{value}' is not a valid {what} name: it must not be blank, '.' or '..', nor contain '/', '\\' or control characters.", what);
            return value;
        }

        /// <summary>
        /// True when a value given as a Thing id reads like a title rather than a mistyped ULID: it holds a character no
        /// ULID has (a space, '-', '_', '.') or is far from 26 characters long.
        /// </summary>
        public static bool LooksLikeTitle(string value)
        {
            if (string.IsNullOrWhiteSpace(value) || IsUlid(value)) return false;
            if (value.Length < 22 || value.Length > 30) return true;
            foreach (var c in value)
                if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) return true;
            return false;
        }

        private const string SubjectKey = "IotStudio.Subject";
        private const string ValueKey = "IotStudio.Value";

        /// <summary>
        /// Marks an argument exception with what the refused value was meant to name (Thing, Category, Model, Action,
        /// Event) and the value, so that an error report can name the object too. Returns the exception.
        /// </summary>
        public static ArgumentException About(ArgumentException ex, string subject, string value)
        {
            ex.Data[SubjectKey] = subject;
            ex.Data[ValueKey] = value;
            return ex;
        }

        /// <summary>What a refused value was meant to name (see <see cref="About"/>), or null.</summary>
        public static string SubjectOf(Exception ex) => ex?.Data[SubjectKey] as string;

        /// <summary>The refused value (see <see cref="About"/>), or null.</summary>
        public static string ValueOf(Exception ex) => ex?.Data[ValueKey] as string;

        // "Thing id" names a Thing, "action id" an Action, "Category" a Category: the first word, capitalised.
        private static string Subject(string what)
        {
            if (string.IsNullOrEmpty(what)) return null;
            var word = what.Split(' ')[0];
            return char.ToUpperInvariant(word[0]) + word.Substring(1);
        }

        /// <summary>
        /// True for a plain email address such as <c>ops@example.com</c>: what System.Net.Mail.MailAddress reads as an
        /// address, given as nothing but that address (no display name, no angle brackets, no surrounding spaces).
        /// </summary>
        public static bool IsEmailAddress(string value)
        {
            if (string.IsNullOrEmpty(value) || value.Length > 320) return false;
            foreach (var c in value)
                if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '<' || c == '>' || c == ',' || c == ';') return false;
            try
            {
                var parsed = new MailAddress(value);
                return parsed.Address == value && string.IsNullOrEmpty(parsed.DisplayName) && parsed.Host.Length > 0;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        /// <summary>Throws ArgumentException, naming the address and the field it came from, unless it is a plain email address.</summary>
        public static string EmailAddress(string value, string field)
        {
            if (!IsEmailAddress(value))
                throw new ArgumentException($"'{value}' ({field}) is not a valid email address: give a plain address such as ops@example.com, without a display name.");
            return value;
        }

        /// <summary>Throws ArgumentException when the space is empty.</summary>
        public static string Space(string value)
        {
            if (string.IsNullOrWhiteSpace(value))
                throw new ArgumentException("No space was given: pass -Space, or connect with Connect-IotStudio -Space.", "Space");
            return value;
        }
    }
}
