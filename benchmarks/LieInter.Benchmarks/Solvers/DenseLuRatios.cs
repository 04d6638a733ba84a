using System.Runtime.InteropServices;
using LieInter.Solvers;

namespace LieInter.Benchmarks.Solvers;

/// <summary>
/// DenseLu (factor + one Solve + one SolveTransposed, the public constructor's copy included) on both backends
/// against the same work done by calling LAPACK's dgetrf_ + dgetrs_ ('T' and 'N') directly (after copying the matrix,
/// which dgetrf overwrites), on one thread, on the same random well-conditioned matrix, measured in one run.
/// Targets: native at most 1.5, managed at most about 3 at d = 1000-4000. The copy column is the public
/// constructor's copy alone (a fresh n^2 array: on some VMs its page faults cost more than copying the values);
/// DirectAffineSolver hands its assembled matrix over instead (DenseLu.FactoriseInPlace).
/// </summary>
public static unsafe class DenseLuRatios
{
    static DenseLuRatios() => RatioHarness.Register("dense LU (factor + solve + transposed solve)", Run);

    public static void Run(string[] args)
    {
        if (!NativeLapack.IsAvailable)
        {
            Console.WriteLine($"skipped: {NativeLapack.Unavailable}; the baseline is LAPACK itself.");
            return;
        }

        // Force the library (and its one-thread setting) to load before the baseline takes its own entry points.
        _ = new DenseLu(new double[] { 1 }, 1);
        var handle = NativeLibrary.Load(NativeLapack.LoadedName!);
        var getrf = (delegate* unmanaged<int*, int*, double*, int*, int*, int*, void>)NativeLibrary.GetExport(handle, "dgetrf_");
        var getrs = (delegate* unmanaged<byte*, int*, int*, double*, int*, int*, double*, int*, int*, nuint, void>)NativeLibrary.GetExport(handle, "dgetrs_");
        string threads = NativeLibrary.TryGetExport(handle, "openblas_get_num_threads", out var get) ? ((delegate* unmanaged<int>)get)().ToString() : "n/a";
        Console.WriteLine($"LAPACK: {NativeLapack.LoadedName}, OpenBLAS threads {threads} (OPENBLAS_NUM_THREADS={Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") ?? "unset"})");
        Console.WriteLine($"{"d",6} {"native / LAPACK",16} {"managed / LAPACK",17} {"LAPACK s",10} {"native s",10} {"managed s",10} {"managed GF/s",13} {"copy s",10}");

        var sizes = args.Select(a => int.TryParse(a, out int d) ? d : 0).Where(d => d > 0).ToArray();
        foreach (int n in sizes.Length > 0 ? sizes : [400, 1000, 2000, 4000])
        {
            var r = new Random(n);
            var a = new double[n * n];
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = r.NextDouble() - 0.5;
            }

            for (int i = 0; i < n; i++)
            {
                a[i * n + i] += 4;
            }

            var rhs = Enumerable.Range(0, n).Select(_ => r.NextDouble()).ToArray();
            var z = new double[n];
            var work = new double[n * n];
            var ipiv = new int[n];

            void Lapack()
            {
                a.CopyTo(work, 0);
                fixed (double* w = work, x = z)
                fixed (int* p = ipiv)
                {
                    int m = n, nn = n, lda = n, ldb = n, nrhs = 1, info = 0;
                    getrf(&m, &nn, w, &lda, p, &info);
                    byte t = (byte)'T', no = (byte)'N';
                    rhs.CopyTo(z, 0);
                    getrs(&t, &nn, &nrhs, w, &lda, p, x, &ldb, &info, 1);
                    rhs.CopyTo(z, 0);
                    getrs(&no, &nn, &nrhs, w, &lda, p, x, &ldb, &info, 1);
                }
            }

            Action Dense(DenseLuBackend backend) => () =>
            {
                var lu = new DenseLu(a.AsSpan(), n, backend);
                rhs.CopyTo(z, 0);
                lu.Solve(z);
                rhs.CopyTo(z, 0);
                lu.SolveTransposed(z);
            };

            double target = n >= 4000 ? 2.0 : n >= 2000 ? 0.6 : 0.2;
            int samples = n >= 4000 ? 3 : n >= 2000 ? 5 : 9;
            var native = RatioHarness.Compare(Dense(DenseLuBackend.Native), Lapack, target, samples);
            var managed = RatioHarness.Compare(Dense(DenseLuBackend.Managed), Lapack, target, samples);
            double gflops = 2.0 / 3 * n * (double)n * n / managed.CandidateSeconds / 1e9;
            double copy = RatioHarness.Time(
                () =>
                {
                    var fresh = GC.AllocateUninitializedArray<double>(a.Length);
                    a.CopyTo(fresh, 0);
                    GC.KeepAlive(fresh);
                },
                target,
                samples);
            Console.WriteLine($"{n,6} {native.Ratio,16:F3} {managed.Ratio,17:F3} {native.BaselineSeconds,10:E2} {native.CandidateSeconds,10:E2} {managed.CandidateSeconds,10:E2} {gflops,13:F1} {copy,10:E2}");
        }
    }
}
