using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LieInter.LinearAlgebra;

/// <summary>Products with |A| for Collatz-Wielandt bounds, at the speed of the generated kernels. Optimised at the
/// first call: a check runs once per matrix, so call counting would leave it in unoptimised code.</summary>
internal static class AbsoluteKernels
{
    /// <summary>sum |a_i| v_i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double AbsDot(ReadOnlySpan<double> a, ReadOnlySpan<double> v)
    {
        if (a.Length != v.Length)
        {
            throw new ArgumentException($"Spans of different lengths ({a.Length} and {v.Length}).");
        }

        int n = a.Length, i = 0, w = Vector<double>.Count;
        double s = 0;
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            ref double ra = ref MemoryMarshal.GetReference(a);
            ref double rv = ref MemoryMarshal.GetReference(v);
            Vector<double> s0 = Vector<double>.Zero, s1 = s0;
            for (; i <= n - 2 * w; i += 2 * w)
            {
                s0 = Vector.MultiplyAddEstimate(Vector.Abs(Vector.LoadUnsafe(ref ra, (nuint)i)), Vector.LoadUnsafe(ref rv, (nuint)i), s0);
                s1 = Vector.MultiplyAddEstimate(Vector.Abs(Vector.LoadUnsafe(ref ra, (nuint)(i + w))), Vector.LoadUnsafe(ref rv, (nuint)(i + w)), s1);
            }

            for (; i <= n - w; i += w)
            {
                s0 = Vector.MultiplyAddEstimate(Vector.Abs(Vector.LoadUnsafe(ref ra, (nuint)i)), Vector.LoadUnsafe(ref rv, (nuint)i), s0);
            }

            s = Vector.Sum(s0 + s1);
        }

        for (; i < n; i++)
        {
            s += Math.Abs(a[i]) * v[i];
        }

        return s;
    }

    /// <summary>t += alpha |a| (element-wise absolute values).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AbsAxpy(double alpha, ReadOnlySpan<double> a, Span<double> t)
    {
        if (a.Length != t.Length)
        {
            throw new ArgumentException($"Spans of different lengths ({a.Length} and {t.Length}).");
        }

        int n = a.Length, i = 0, w = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            ref double ra = ref MemoryMarshal.GetReference(a);
            ref double rt = ref MemoryMarshal.GetReference(t);
            var va = new Vector<double>(alpha);
            for (; i <= n - w; i += w)
            {
                Vector.MultiplyAddEstimate(va, Vector.Abs(Vector.LoadUnsafe(ref ra, (nuint)i)), Vector.LoadUnsafe(ref rt, (nuint)i)).StoreUnsafe(ref rt, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            t[i] += alpha * Math.Abs(a[i]);
        }
    }
}
