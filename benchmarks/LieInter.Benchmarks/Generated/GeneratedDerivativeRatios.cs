using LieInter.Modeling;

namespace LieInter.Benchmarks.Generated;

/// <summary>
/// Generated f, JVP and VJP of dense Leontief against hand-written loops computing the same products on the same
/// double[,] storage, measured in one run: f = A x + y; JVP = (A x + y, A dx) fused; VJP = A^T w.
/// Target: every ratio at most 1.5.
/// </summary>
public static class GeneratedDerivativeRatios
{
    static GeneratedDerivativeRatios() => RatioHarness.Register("generated derivatives (dense Leontief)", Run);

    public static void Run(string[] args)
    {
        Console.WriteLine($"{"n",6} {"f gen/hand",12} {"JVP gen/hand",13} {"VJP gen/hand",13}   (seconds per call: f, JVP, VJP generated)");
        foreach (int n in new[] { 56, 411, 2000 })
        {
            var m = DenseLeontief.Random(n);
            IEquilibriumModel model = m;
            var r = new Random(2);
            var x = Enumerable.Range(0, n).Select(_ => r.NextDouble()).ToArray();
            var dx = Enumerable.Range(0, n).Select(_ => r.NextDouble()).ToArray();
            var w = Enumerable.Range(0, n).Select(_ => r.NextDouble()).ToArray();
            var fx = new double[n];
            var jv = new double[n];
            var wj = new double[n];
            var a = m.A;
            var y = m.FinalDemand;

            var f = RatioHarness.Compare(() => model.Evaluate(x, default, fx), () => HandEvaluate(a, y, x, fx));
            var j = RatioHarness.Compare(() => model.Jvp(x, default, dx, default, default, fx, jv), () => HandJvp(a, y, x, dx, fx, jv));
            var v = RatioHarness.Compare(() => model.Vjp(x, default, w, wj, default, default), () => HandVjp(a, w, wj));

            // Same numbers, not only the same speed.
            HandVjp(a, w, wj);
            var check = (double[])wj.Clone();
            model.Vjp(x, default, w, wj, default, default);
            double err = check.Zip(wj, (p, q) => Math.Abs(p - q)).Max();
            if (err > 1e-12 * check.Max(Math.Abs))
            {
                throw new InvalidOperationException($"generated VJP differs from the hand-written one by {err}");
            }

            Console.WriteLine($"{n,6} {f.Ratio,12:F2} {j.Ratio,13:F2} {v.Ratio,13:F2}   ({f.CandidateSeconds:E2}, {j.CandidateSeconds:E2}, {v.CandidateSeconds:E2})");
        }
    }

    private static void HandEvaluate(double[,] a, double[] y, double[] x, double[] fx)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            double s = y[i];
            for (int j = 0; j < n; j++)
            {
                s += a[i, j] * x[j];
            }

            fx[i] = s;
        }
    }

    private static void HandJvp(double[,] a, double[] y, double[] x, double[] dx, double[] fx, double[] jv)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            double s = y[i];
            double d = 0;
            for (int j = 0; j < n; j++)
            {
                double aij = a[i, j];
                s += aij * x[j];
                d += aij * dx[j];
            }

            fx[i] = s;
            jv[i] = d;
        }
    }

    private static void HandVjp(double[,] a, double[] w, double[] wj)
    {
        int n = w.Length;
        Array.Clear(wj);
        for (int i = 0; i < n; i++)
        {
            double wi = w[i];
            for (int j = 0; j < n; j++)
            {
                wj[j] += a[i, j] * wi;
            }
        }
    }
}
