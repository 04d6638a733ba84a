using LieInter.Benchmarks.Generated;
using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Modeling;
using LieInter.Solvers;
using MathNet.Numerics.LinearAlgebra;

namespace LieInter.Benchmarks.Solvers;

/// <summary>
/// Dense Leontief at n = 56, 411, 2000 (random nonnegative A with column sums 0.45, like real tables), measured in
/// one run: (1) solve + gradient of c^T x* with respect to a multiplicative intervention on every sector, through
/// the default policy and the adjoint, against one LU solve of (I - A) x = y with MathNet; (2) time per Anderson
/// iteration against one dense matrix-vector product; (3) Anderson iterations against forward iteration.
/// Targets: (2) at most 1.5; (1) at n = 411 at most 0.5.
/// </summary>
public static class SolverRatios
{
    static SolverRatios() => RatioHarness.Register("solvers (dense Leontief)", Run);

    public static void Run(string[] args)
    {
        Console.WriteLine($"{"n",6} {"solve+grad / LU",16} {"iteration / matvec",19} {"Anderson its",13} {"forward its",12}   (solve+grad s, LU s, policy)");
        foreach (int n in new[] { 56, 411, 2000 })
        {
            var data = DenseLeontief.Random(n);
            var m = new LieInter.Models.LeontiefQuantityModel(data.A, data.FinalDemand);
            var system = new EquilibriumSystem(m);
            var c = Enumerable.Range(0, n).Select(i => 1.0 + (i % 7)).ToArray();
            var grad = new double[n];
            var layer = new DifferentiableEquilibrium(system);

            // (1) A cold solve + gradient each time (warm starts would make it cheaper still).
            void SolveAndGradient()
            {
                layer.SetState(new double[n]);
                layer.Solve();
                Array.Clear(grad);
                layer.Backpropagate(c, default, grad);
            }

            var lhs = Matrix<double>.Build.Dense(n, n, (i, j) => (i == j ? 1 : 0) - m.A[i, j]);
            var rhs = Vector<double>.Build.DenseOfArray(m.FinalDemand);
            var first = RatioHarness.Compare(SolveAndGradient, () => lhs.LU().Solve(rhs), targetSeconds: n >= 2000 ? 2.0 : 0.2, samples: n >= 2000 ? 3 : 9);

            // (2) Anderson alone, per iteration, against the generated f (one dense matrix-vector product).
            var anderson = new AndersonAcceleration();
            var x = new double[n];
            anderson.TrySolve(system, x, SolverOptions.Default, out var ar);
            var fx = new double[n];
            IEquilibriumModel model = m;
            var perIteration = RatioHarness.Compare(
                () =>
                {
                    Array.Clear(x);
                    anderson.TrySolve(system, x, SolverOptions.Default, out _);
                },
                () => model.Evaluate(x, default, fx),
                targetSeconds: n >= 2000 ? 1.0 : 0.1,
                samples: n >= 2000 ? 5 : 9);
            double ratioPerIteration = perIteration.Ratio / ar.FunctionEvaluations;

            // (3) Iteration counts.
            var xf = new double[n];
            new ForwardIteration().TrySolve(system, xf, SolverOptions.Default, out var fr);
            Console.WriteLine($"{n,6} {first.Ratio,16:F3} {ratioPerIteration,19:F2} {ar.Iterations,13} {fr.Iterations,12}   ({first.CandidateSeconds:E2}, {first.BaselineSeconds:E2}, {layer.LastSolve!.Solver})");
        }
    }
}
