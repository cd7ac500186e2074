using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;

namespace IotStudio.Auth
{
    internal static class SecureText
    {
        /// <summary>A read-only SecureString holding <paramref name="text"/>; null for null.</summary>
        public static SecureString Protect(string text)
        {
            if (text == null) return null;
            var s = new SecureString();
            foreach (var c in text) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }

        /// <summary>The plain text of a SecureString; call only where the value is sent.</summary>
        public static string Reveal(SecureString s)
        {
            if (s == null) return null;
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(s);
                return Marshal.PtrToStringUni(ptr, s.Length);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
