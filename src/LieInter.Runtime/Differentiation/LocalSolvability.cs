using LieInter.Equilibrium;
using LieInter.Solvers;

namespace LieInter.Differentiation;

/// <summary>Local solvability at a solution (Prop. 1): I - Jx invertible, measured by its smallest singular value
/// and condition number.</summary>
public sealed record LocalSolvabilityReport(double SmallestSingularValue, double LargestSingularValue, string Method)
{
    public double ConditionNumber => LargestSingularValue / SmallestSingularValue;

    /// <summary>Numerically invertible: the smallest singular value is not lost in rounding.</summary>
    public bool IsLocallySolvable => SmallestSingularValue > 1e-12 * LargestSingularValue;

    public override string ToString() =>
        $"sigma_min(I - J) = {SmallestSingularValue:G4}, condition number {ConditionNumber:G4} ({Method})";
}

internal static class LocalSolvabilityEstimator
{
    /// <summary>Dense SVD up to this size; above, power iterations with GMRES solves.</summary>
    private const int DenseLimit = 500;

    public static LocalSolvabilityReport Estimate(EquilibriumSystem system, ReadOnlySpan<double> x, EquilibriumSolverOptions options)
    {
        int n = x.Length;
        if (n <= DenseLimit)
        {
            var j = SolvabilityChecks.AssembleJacobian(system, x);
            var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, (r, c) => (r == c ? 1.0 : 0.0) - j[r, c]);
            var s = m.Svd(computeVectors: false).S;
            return new LocalSolvabilityReport(s.Minimum(), s.Maximum(), "dense SVD");
        }

        // sigma_max by power iteration on M^T M; sigma_min by power iteration on (M^T M)^{-1} with GMRES solves.
        var xs = x.ToArray();
        var fx = new double[n];
        var tmp = new double[n];
        LinearOperator mOp = (v, mv) =>
        {
            system.Jvp(xs, v, fx, mv);
            for (int i = 0; i < n; i++)
            {
                mv[i] = v[i] - mv[i];
            }
        };
        LinearOperator mtOp = (v, mtv) =>
        {
            system.Vjp(xs, v, mtv);
            for (int i = 0; i < n; i++)
            {
                mtv[i] = v[i] - mtv[i];
            }
        };

        var rng = new Random(17);
        var v = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        Normalise(v);
        double sigmaMax = 0;
        for (int k = 0; k < 30; k++)
        {
            mOp(v, tmp);
            mtOp(tmp, v);
            sigmaMax = Math.Sqrt(Vec.Norm(v));
            Normalise(v);
        }

        var gmres = new Gmres(60);
        var tol = options.Tolerances with { RelativeTolerance = 1e-8, AbsoluteTolerance = 0, StagnationWindow = int.MaxValue };
        var w = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        Normalise(w);
        var y = new double[n];
        var z = new double[n];
        double inverseNorm = 0;
        for (int k = 0; k < 12; k++)
        {
            Array.Clear(y);
            gmres.TrySolve(mtOp, w, y, tol, out _);
            Array.Clear(z);
            gmres.TrySolve(mOp, y, z, tol, out _);
            inverseNorm = Math.Sqrt(Vec.Norm(z));
            z.CopyTo(w, 0);
            Normalise(w);
        }

        return new LocalSolvabilityReport(1.0 / inverseNorm, sigmaMax, "power iterations (GMRES solves for sigma_min)");
    }

    private static void Normalise(double[] v)
    {
        double nrm = Vec.Norm(v);
        for (int i = 0; i < v.Length; i++)
        {
            v[i] /= nrm;
        }
    }
}
