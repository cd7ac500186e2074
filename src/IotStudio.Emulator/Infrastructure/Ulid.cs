using System.Security.Cryptography;

namespace IotStudio.Emulator.Infrastructure;

/// <summary>
/// ULIDs (26 chars of Crockford base32: 48-bit millisecond time + 80 random bits).
/// Generation is monotonic process-wide: within one millisecond (or if the clock steps back)
/// the random part is incremented, so generation order equals ordinal string order.
/// </summary>
public static class Ulid
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly object Sync = new();
    private static long _lastMs = -1;
    private static ulong _randHi; // low 16 bits used
    private static ulong _randLo;

    public static string NewUlid()
    {
        lock (Sync)
        {
            return NextLocked();
        }
    }

    /// <summary>Many ULIDs in one go (seeding); strictly increasing.</summary>
    public static string[] NewUlids(int count)
    {
        var result = new string[count];
        lock (Sync)
        {
            for (int i = 0; i < count; i++)
            {
                result[i] = NextLocked();
            }
        }
        return result;
    }

    private static string NextLocked()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (now > _lastMs)
        {
            _lastMs = now;
            Span<byte> r = stackalloc byte[10];
            RandomNumberGenerator.Fill(r);
            _randHi = (ulong)(r[0] << 8 | r[1]);
            _randLo = BitConverter.ToUInt64(r[2..]);
            // Keep head-room so increments within one millisecond never overflow in practice.
            _randHi &= 0x7FFF;
        }
        else
        {
            _randLo++;
            if (_randLo == 0)
            {
                _randHi++;
                if (_randHi > 0xFFFF)
                {
                    _lastMs++;
                    _randHi = 0;
                }
            }
        }
        return Encode(_lastMs, _randHi, _randLo);
    }

    private static string Encode(long ms, ulong hi, ulong lo)
    {
        UInt128 value = ((UInt128)(ulong)ms << 80) | ((UInt128)hi << 64) | lo;
        return string.Create(26, value, static (span, v) =>
        {
            for (int i = 25; i >= 0; i--)
            {
                span[i] = Alphabet[(int)(v & 31)];
                v >>= 5;
            }
        });
    }

    /// <summary>True when <paramref name="text"/> is a ULID; <paramref name="ulid"/> gets its upper-case form.</summary>
    public static bool TryNormalize(string text, out string ulid)
    {
        ulid = null;
        if (text == null || text.Length != 26 || text[0] > '7' || text[0] < '0')
        {
            return false;
        }
        Span<char> upper = stackalloc char[26];
        for (int i = 0; i < 26; i++)
        {
            char c = char.ToUpperInvariant(text[i]);
            if (Alphabet.IndexOf(c) < 0)
            {
                return false;
            }
            upper[i] = c;
        }
        ulid = new string(upper);
        return true;
    }
}
