using System.Runtime.InteropServices;

namespace LieInter.Solvers;

/// <summary>
/// LAPACK's dgetrf_/dgetrs_ from a system OpenBLAS or reference LAPACK, found at run time (no package ships a native
/// binary). Fortran ABI: every argument by pointer, matrices column-major, 32-bit integers (LP64; the ILP64 builds
/// export other names, dgetrf_64_, so they are never picked up by mistake). Resolved once per process: the static
/// constructor of <see cref="Library"/> runs exactly once, under the runtime's type-initialisation lock.
/// </summary>
internal static unsafe class NativeLapack
{
    /// <summary>Tried in order; the first that loads and exports both routines wins.</summary>
    internal static readonly string[] Candidates =
    [
        "libopenblas.so.0", "libopenblas.so", "liblapack.so.3", "liblapack.so",
        "libopenblas.dll", "openblas.dll", "liblapack.dll",
        "libopenblas.dylib", "/opt/homebrew/opt/openblas/lib/libopenblas.dylib", "/usr/local/opt/openblas/lib/libopenblas.dylib",
    ];

    /// <summary>Whether a LAPACK was found.</summary>
    public static bool IsAvailable => Library.Getrf != null;

    /// <summary>The library name that loaded, or null.</summary>
    public static string? LoadedName => Library.Name;

    /// <summary>Why no LAPACK is in use (for test skips and benchmark headers); null when one is.</summary>
    public static string? Unavailable => IsAvailable ? null : $"no LAPACK with dgetrf_/dgetrs_ loaded (tried {string.Join(", ", Candidates)})";

    /// <summary>LU of the column-major n x n matrix at <paramref name="a"/> in place, 1-based pivots in
    /// <paramref name="ipiv"/>. Returns LAPACK's info: 0, or k > 0 when U_kk is exactly zero (the factorisation is
    /// still complete).</summary>
    public static int Getrf(int n, double* a, int* ipiv)
    {
        int m = n, lda = Math.Max(1, n), info = 0;
        Library.Getrf(&m, &n, a, &lda, ipiv, &info);
        if (info < 0)
        {
            throw new InvalidOperationException($"dgetrf_ from {Library.Name} rejected argument {-info} (n = {n}): a bug in the call, not in the matrix.");
        }

        return info;
    }

    /// <summary>Solves op(M) x = b for one right-hand side with the factors from <see cref="Getrf"/>;
    /// <paramref name="transpose"/> selects M^T.</summary>
    public static void Getrs(bool transpose, int n, double* a, int* ipiv, double* b)
    {
        byte trans = transpose ? (byte)'T' : (byte)'N';
        int nrhs = 1, lda = Math.Max(1, n), ldb = Math.Max(1, n), info = 0;
        Library.Getrs(&trans, &n, &nrhs, a, &lda, ipiv, b, &ldb, &info, 1);
        if (info != 0)
        {
            throw new InvalidOperationException($"dgetrs_ from {Library.Name} rejected argument {-info} (n = {n}): a bug in the call, not in the matrix.");
        }
    }

    private static class Library
    {
        // dgetrf_(m, n, a, lda, ipiv, info); dgetrs_(trans, n, nrhs, a, lda, ipiv, b, ldb, info, hidden length of
        // trans): gfortran-built LAPACK reads that trailing length, OpenBLAS's C interface ignores it.
        public static readonly delegate* unmanaged<int*, int*, double*, int*, int*, int*, void> Getrf;
        public static readonly delegate* unmanaged<byte*, int*, int*, double*, int*, int*, double*, int*, int*, nuint, void> Getrs;
        public static readonly string? Name;

        static Library()
        {
            foreach (var name in Candidates)
            {
                if (!NativeLibrary.TryLoad(name, out var handle))
                {
                    continue;
                }

                if (!NativeLibrary.TryGetExport(handle, "dgetrf_", out var getrf) || !NativeLibrary.TryGetExport(handle, "dgetrs_", out var getrs))
                {
                    NativeLibrary.Free(handle);
                    continue;
                }

                // The runtime solves many systems at once (EquilibriumSolver.SolveMany: Parallel.For, one system per
                // core, each factorising its own I - J); OpenBLAS's own threads on top of that oversubscribe the cores
                // and run slower than one thread per call, and its threaded build has had races under concurrent
                // callers. One thread per call unless the user asked for something else.
                if (Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") is null
                    && NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var setThreads))
                {
                    ((delegate* unmanaged<int, void>)setThreads)(1);
                }

                Getrf = (delegate* unmanaged<int*, int*, double*, int*, int*, int*, void>)getrf;
                Getrs = (delegate* unmanaged<byte*, int*, int*, double*, int*, int*, double*, int*, int*, nuint, void>)getrs;
                Name = name;
                return;
            }
        }
    }
}
