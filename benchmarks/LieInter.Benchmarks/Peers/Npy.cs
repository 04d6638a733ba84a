using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace LieInter.Benchmarks.Peers;

/// <summary>Writes and reads numpy's .npy format (version 1.0, little-endian, C order): float64 and int32 arrays,
/// so numpy reads the benchmark's matrices with <c>np.load</c> and both sides solve the very same numbers.</summary>
internal static partial class Npy
{
    public static void Write(string path, ReadOnlySpan<double> data, params int[] shape) => Write(path, "<f8", MemoryMarshal.AsBytes(data), shape);

    public static void Write(string path, ReadOnlySpan<int> data, params int[] shape) => Write(path, "<i4", MemoryMarshal.AsBytes(data), shape);

    public static void Write(string path, double[,] matrix) =>
        Write(path, MemoryMarshal.CreateReadOnlySpan(ref matrix[0, 0], matrix.Length), matrix.GetLength(0), matrix.GetLength(1));

    public static double[] ReadDoubles(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
        {
            throw new InvalidDataException($"{path} is not a .npy file.");
        }

        int major = bytes[6];
        int headerLength = major == 1 ? BitConverter.ToUInt16(bytes, 8) : BitConverter.ToInt32(bytes, 8);
        int offset = major == 1 ? 10 : 12;
        string header = Encoding.ASCII.GetString(bytes, offset, headerLength);
        if (!header.Contains("'<f8'") || header.Contains("'fortran_order': True"))
        {
            throw new InvalidDataException($"{path}: expected a C-order little-endian float64 array, header {header.Trim()}.");
        }

        var shape = Shape().Match(header).Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        long count = shape.Aggregate(1L, (p, s) => p * long.Parse(s));
        var data = new double[count];
        MemoryMarshal.Cast<byte, double>(bytes.AsSpan(offset + headerLength, (int)(count * 8))).CopyTo(data);
        return data;
    }

    private static void Write(string path, string descr, ReadOnlySpan<byte> bytes, int[] shape)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The .npy writer assumes a little-endian machine.");
        }

        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(bytes);
    }

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex Shape();
}
