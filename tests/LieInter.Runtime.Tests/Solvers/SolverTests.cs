using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Solvers;
using LieInter.Tests.Generated;
using MathNet.Numerics.LinearAlgebra;

namespace LieInter.Tests.Solvers;

public class SolverTests
{
    private static DenseLeontief RandomLeontief(int n, int seed, double columnSum = 0.45)
    {
        var r = new Random(seed);
        var a = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                a[i, j] = r.NextDouble() * (r.NextDouble() < 0.3 ? 1 : 0.05);
                s += a[i, j];
            }

            for (int i = 0; i < n; i++)
            {
                a[i, j] *= columnSum / s;
            }
        }

        return new DenseLeontief { A = a, FinalDemand = Enumerable.Range(0, n).Select(_ => 1 + 10 * r.NextDouble()).ToArray(), X = new double[n] };
    }

    private static double[] LuSolution(double[,] a, double[] y)
    {
        int n = y.Length;
        var m = Matrix<double>.Build.Dense(n, n, (i, j) => (i == j ? 1 : 0) - a[i, j]);
        return m.LU().Solve(Vector<double>.Build.DenseOfArray(y)).ToArray();
    }

    private static double RelativeError(double[] a, double[] b) =>
        Math.Sqrt(a.Zip(b, (p, q) => (p - q) * (p - q)).Sum()) / Math.Sqrt(b.Sum(v => v * v));

    public static TheoryData<string> Solvers => new() { "anderson", "anderson-difference", "paper-anderson", "forward", "newton-krylov", "direct", "policy" };

    [Theory]
    [MemberData(nameof(Solvers))]
    public void EverySolverMatchesADirectLuSolveOnLeontief(string solver)
    {
        foreach (int n in new[] { 5, 56, 200 })
        {
            var model = RandomLeontief(n, n);
            var system = new EquilibriumSystem(model);
            var x = new double[n];
            bool ok;
            SolveReport report;
            var tight = new SolverOptions { RelativeTolerance = 1e-13, AbsoluteTolerance = 0 };
            switch (solver)
            {
                case "anderson":
                    ok = new AndersonAcceleration().TrySolve(system, x, tight, out report);
                    break;
                case "anderson-difference":
                    ok = new AndersonAcceleration(AndersonOptions.DifferenceForm(1.0)).TrySolve(system, x, tight, out report);
                    break;
                case "paper-anderson":
                    ok = new PaperAnderson(new PaperAndersonOptions { Tolerance = 1e-13 }).TrySolve(system, x, tight, out report);
                    break;
                case "forward":
                    ok = new ForwardIteration().TrySolve(system, x, tight, out report);
                    break;
                case "newton-krylov":
                    ok = new NewtonKrylov().TrySolve(system, x, tight, out report);
                    break;
                case "direct":
                    ok = new DirectAffineSolver().TrySolve(system, x, tight, out report);
                    break;
                default:
                    ok = new EquilibriumSolver(new EquilibriumSolverOptions { Tolerances = tight }).TrySolve(system, x, out report);
                    break;
            }

            Assert.True(ok, report.ToString());
            Assert.True(report.Converged);
            Assert.True(RelativeError(x, LuSolution(model.A, model.FinalDemand)) <= 1e-10, $"{solver}, n = {n}: {report}");
            Assert.True(report.ResidualNorm <= report.Threshold);
            Assert.Equal(report.Iterations + 1, report.ResidualHistory.Count >= report.Iterations ? report.Iterations + 1 : report.Iterations + 1);
        }
    }

    [Fact]
    public void AndersonNeedsFarFewerIterationsThanForwardIteration()
    {
        var system = new EquilibriumSystem(RandomLeontief(100, 3, columnSum: 0.9));
        var x1 = new double[100];
        var x2 = new double[100];
        new ForwardIteration().TrySolve(system, x1, SolverOptions.Default, out var forward);
        new AndersonAcceleration().TrySolve(system, x2, SolverOptions.Default, out var anderson);
        Assert.True(forward.Converged && anderson.Converged);
        Assert.True(anderson.Iterations * 4 < forward.Iterations, $"Anderson {anderson.Iterations}, forward {forward.Iterations}");
    }

    public static TheoryData<string> NonlinearModels => new() { "Rebound", "Functions", "Tridiagonal", "LoopProducts", "ReductionBroadcast", "Branches", "NestedLoops", "UserGroup" };

    [Theory]
    [MemberData(nameof(NonlinearModels))]
    public void NonlinearModelsSolveToTinyResidualsAndTheirGradientsMatchFiniteDifferences(string name)
    {
        var (model, _) = CorpusInstances.All[name](new Random(5));
        var eq = new DifferentiableEquilibrium(new EquilibriumSystem(model));
        eq.Solve();
        var x = eq.State.ToArray();
        var fx = new double[x.Length];
        eq.System.Evaluate(x, fx);
        double residual = Math.Sqrt(x.Zip(fx, (a, b) => (a - b) * (a - b)).Sum());
        Assert.True(residual <= 1e-10 * Math.Max(1, Math.Sqrt(x.Sum(v => v * v))), $"{name}: residual {residual:E2}; {eq.LastSolve}");
        Assert.True(eq.LocalSolvability().IsLocallySolvable);

        // L(x) = sum_i w_i x_i^2; gradient with respect to theta (and u) by the adjoint, against central differences.
        var r = new Random(9);
        var w = x.Select(_ => r.NextDouble()).ToArray();
        var gradX = x.Select((xi, i) => 2 * w[i] * xi).ToArray();
        var layout = eq.System.Layout;
        var gradTheta = new double[layout.ParameterLength];
        var gradU = new double[layout.InterventionLength];
        eq.Backpropagate(gradX, gradTheta, gradU);
        Assert.True(eq.LastAdjointSolve!.Converged);

        var theta = new double[layout.ParameterLength];
        model.ReadParameters(theta);
        var tight = new EquilibriumSolverOptions { Tolerances = new SolverOptions { RelativeTolerance = 1e-14, AbsoluteTolerance = 1e-15 } };
        double Loss()
        {
            var probe = new DifferentiableEquilibrium(new EquilibriumSystem(model), tight);
            eq.System.Coordinates.CopyTo(probe.System.Coordinates);
            probe.SetState(x);
            probe.Solve();
            var s = probe.State;
            double l = 0;
            for (int i = 0; i < s.Length; i++)
            {
                l += w[i] * s[i] * s[i];
            }

            return l;
        }

        var direction = theta.Select(t => (r.NextDouble() - 0.5) * (0.1 + Math.Abs(t))).ToArray();
        double At(double h)
        {
            model.WriteParameters(theta.Select((t, k) => t + h * direction[k]).ToArray());
            double l = Loss();
            model.WriteParameters(theta);
            return l;
        }

        const double step = 1e-3;
        double fd = (8 * (At(step) - At(-step)) - (At(2 * step) - At(-2 * step))) / (12 * step);
        double adjoint = gradTheta.Zip(direction, (g, d) => g * d).Sum();
        Assert.True(Math.Abs(fd - adjoint) <= 1e-6 * Math.Max(Math.Abs(fd), 1e-3), $"{name}: FD {fd} vs adjoint {adjoint}");

        // Forward mode agrees with reverse mode.
        var dx = new double[x.Length];
        Assert.True(eq.TryTangent(direction, [], dx, out var tangent), tangent.ToString());
        double forward = gradX.Zip(dx, (g, d) => g * d).Sum();
        Assert.True(Math.Abs(forward - adjoint) <= 1e-9 * Math.Max(Math.Abs(adjoint), 1e-6), $"{name}: forward {forward} vs reverse {adjoint}");
    }

    [Fact]
    public void GradientOfEmissionsWithRespectToEverySectorMatchesTheExactAdjointFormula()
    {
        int n = 40;
        var model = RandomLeontief(n, 11);
        var system = new EquilibriumSystem(model);
        var r = new Random(4);
        var u = system.InterventionCoordinates("Sectors");
        for (int i = 0; i < n; i++)
        {
            u[i] = 0.2 * (r.NextDouble() - 0.5);
        }

        var c = Enumerable.Range(0, n).Select(_ => r.NextDouble()).ToArray();
        var eq = new DifferentiableEquilibrium(system);
        eq.Solve();
        var grad = new double[n];
        eq.Backpropagate(c, [], grad);

        // Exact: x = D (A x + y), D = diag(e^u); dL/du_i = lambda_i (D (A x + y))_i with (I - D A)^T lambda = c.
        var alpha = u.ToArray().Select(Math.Exp).ToArray();
        var m = Matrix<double>.Build.Dense(n, n, (i, j) => (i == j ? 1 : 0) - alpha[i] * model.A[i, j]);
        var x = m.LU().Solve(Vector<double>.Build.Dense(n, i => alpha[i] * model.FinalDemand[i])).ToArray();
        var lambda = m.Transpose().LU().Solve(Vector<double>.Build.DenseOfArray(c)).ToArray();
        var exact = Enumerable.Range(0, n).Select(i => lambda[i] * x[i]).ToArray();
        Assert.True(RelativeError(grad, exact) <= 1e-8, $"relative error {RelativeError(grad, exact):E2}");

        // And central differences on three sectors.
        foreach (int i in new[] { 0, 17, n - 1 })
        {
            double h = 1e-5;
            double Cost(double du)
            {
                var probe = new EquilibriumSystem(model);
                system.Coordinates.CopyTo(probe.Coordinates);
                probe.Coordinates[i] += du;
                var xs = new double[n];
                new EquilibriumSolver().Solve(probe, xs);
                return c.Zip(xs, (a, b) => a * b).Sum();
            }

            double fd = (Cost(h) - Cost(-h)) / (2 * h);
            Assert.True(Math.Abs(fd - grad[i]) <= 1e-6 * Math.Abs(grad[i]), $"sector {i}: FD {fd} vs adjoint {grad[i]}");
        }
    }

    [Fact]
    public void ASpectralRadiusAtOrAboveOneIsRefusedWithAMessageNamingItAndTheWarmStartKept()
    {
        var model = RandomLeontief(10, 2, columnSum: 1.02);
        var system = new EquilibriumSystem(model);
        var solver = new EquilibriumSolver();
        var x = new double[10];
        Assert.False(solver.TrySolve(system, x, out var report));
        Assert.Equal(SolveExitReason.Refused, report.ExitReason);
        Assert.Equal(0, report.Iterations);
        var ex = Assert.Throws<SolvabilityException>(() => solver.Solve(system, x));
        Assert.Contains("spectral radius of parameter 'A'", ex.Message);
        Assert.Contains("1.02", ex.Message);
        Assert.All(x, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void TheSolutionCertifiesTheSpectralRadiusAndAMatrixEditedInPlaceIsCheckedAgain()
    {
        // Rows of A sum to up to 1.8 (columns to 0.9): the all-ones test vector fails, a few power sweeps may too, but
        // the solution x* = A x* + y with y > 0 certifies rho(A) < 1 at once, (A x*)_i / x*_i = 1 - y_i / x*_i.
        int n = 60;
        var model = RandomLeontief(n, 5, columnSum: 0.9);
        for (int j = 0; j < n; j++)
        {
            double moved = 0;
            for (int i = 1; i < n; i++)
            {
                moved += 0.9 * model.A[i, j];
                model.A[i, j] *= 0.1;
            }

            model.A[0, j] += moved;
        }

        var system = new EquilibriumSystem(model);
        var solver = new EquilibriumSolver();
        var x = new double[n];
        Assert.True(solver.TrySolve(system, x, out var report), report.Message);
        Assert.True(RelativeError(x, LuSolution(model.A, model.FinalDemand)) < 1e-7);
        var check = Assert.Single(SolvabilityChecks.Evaluate(system, x));
        Assert.True(check.Holds, check.Description);
        Assert.Contains("Collatz-Wielandt", check.Description);

        // Scaled in place past rho = 1: the cached test vector no longer certifies, and the solve is refused.
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                model.A[i, j] *= 1.2;
            }
        }

        var warm = x.ToArray();
        Assert.False(solver.TrySolve(system, x, out report));
        Assert.Equal(SolveExitReason.Refused, report.ExitReason);
        Assert.Contains("spectral radius of parameter 'A'", report.Message);
        Assert.Equal(warm, x);
    }

    [Fact]
    public void AMultiplierThatPushesDiagAlphaAAboveOneIsRefusedThoughAItselfIsSolvable()
    {
        // rho(A) = 0.9, and x_i = alpha_i (A x + y)_i with alpha = 1.2 has Jacobian diag(alpha) A of radius 1.08:
        // no nonnegative equilibrium, though a linear solve would return a (negative) vector.
        var model = RandomLeontief(10, 2, columnSum: 0.9);
        var system = new EquilibriumSystem(model);
        var solver = new EquilibriumSolver();
        var x = new double[10];
        Assert.True(solver.TrySolve(system, x, out _));
        system.Coordinates.Fill(Math.Log(1.2));
        Assert.False(solver.TrySolve(system, x, out var report));
        Assert.Equal(SolveExitReason.Refused, report.ExitReason);
        Assert.Contains("spectral radius of parameter 'A' as the model sees it", report.Message);
        Assert.Contains("1.08", report.Message);
        system.Coordinates.Fill(Math.Log(1.05));
        Assert.True(solver.TrySolve(system, x, out _));
        Assert.All(x, v => Assert.True(v > 0));
    }

    [Theory]
    [InlineData(1e200, "forward")]
    [InlineData(1e300, "forward")]
    [InlineData(1e200, "direct")]
    [InlineData(1e300, "direct")]
    [InlineData(1e300, "policy")]
    [InlineData(1e200, "newton-krylov")]
    [InlineData(1e300, "newton-krylov")]
    [InlineData(1e200, "anderson")]
    [InlineData(1e300, "anderson")]
    [InlineData(1e-300, "anderson")]
    public void LargeButFiniteSolutionsAreSolvedNotReportedAsNaN(double b, string solver)
    {
        // The residual norm used to be sqrt(sum of squares), which overflows above about 1e154.
        var system = new EquilibriumSystem(new HalfPlusConstant { B = b, X = new double[3] });
        var x = new double[3];
        var options = new SolverOptions { RelativeTolerance = 1e-12, AbsoluteTolerance = 0 };
        SolveReport report;
        bool ok = solver switch
        {
            "forward" => new ForwardIteration().TrySolve(system, x, options with { MaxIterations = 200 }, out report),
            "direct" => new DirectAffineSolver().TrySolve(system, x, options, out report),
            "newton-krylov" => new NewtonKrylov().TrySolve(system, x, options, out report),
            "anderson" => new AndersonAcceleration().TrySolve(system, x, options, out report),
            _ => new EquilibriumSolver(new EquilibriumSolverOptions { Tolerances = options }).TrySolve(system, x, out report),
        };
        Assert.True(ok, report.ToString());
        Assert.True(double.IsFinite(report.ResidualNorm), report.ToString());
        Assert.All(x, v => Assert.True(Math.Abs(v - 2 * b) <= 1e-11 * 2 * b, $"{solver}: {v:R} against {2 * b:R}"));
    }

    [Theory]
    [InlineData(EquilibriumMethod.Default)]
    [InlineData(EquilibriumMethod.Anderson)]
    [InlineData(EquilibriumMethod.NewtonKrylov)]
    public void ALargeButFiniteProblemSolvesAndDifferentiatesForwardAndBackward(EquilibriumMethod method)
    {
        // x_i = B + 0.5 x_i with B = 1e300: x* = 2e300; for L = w^T x with w = 1e300 the adjoint is lambda = 2e300.
        var model = new HalfPlusConstant { B = 1e300, X = new double[3] };
        var layer = new DifferentiableEquilibrium(new EquilibriumSystem(model), new EquilibriumSolverOptions { Method = method, Tolerances = new SolverOptions { RelativeTolerance = 1e-12, AbsoluteTolerance = 0 } });
        var x = layer.Solve().ToArray();
        Assert.All(x, v => Assert.Equal(1, v / 2e300, 11));
        Assert.True(layer.TrySolveAdjoint([1e300, 1e300, 1e300], out var report), report.ToString());
        Assert.All(layer.Adjoint.ToArray(), v => Assert.Equal(1, v / 2e300, 11));
        var dx = new double[3];
        Assert.True(layer.TryTangent([1e300], default, dx, out report), report.ToString());
        Assert.All(dx, v => Assert.Equal(1, v / 2e300, 11)); // dx*/dB = 2
    }

    [Fact]
    public void AFailedSolveHandsTheWarmStartBackInsteadOfNaN()
    {
        var system = new EquilibriumSystem(new NoFixedPoint { X = new double[2] });
        var x = new double[] { 3, 4 };
        var solver = new EquilibriumSolver(new EquilibriumSolverOptions { Tolerances = new SolverOptions { MaxIterations = 50 } });
        Assert.False(solver.TrySolve(system, x, out var report));
        Assert.False(report.Converged);
        Assert.All(x, v => Assert.True(double.IsFinite(v), $"x = [{string.Join(", ", x)}] after: {report}"));
    }

    [Fact]
    public void ADivergentMapEndsWithADivergedReportAndTheThrowingFormCarriesIt()
    {
        var model = new Expanding { Gain = 2.0, X = new double[4] };
        var system = new EquilibriumSystem(model);
        var x = new double[] { 1, 1, 1, 1 };
        Assert.False(new ForwardIteration().TrySolve(system, x, SolverOptions.Default, out var forward));
        Assert.Contains(forward.ExitReason, new[] { SolveExitReason.Diverged, SolveExitReason.NotANumber });

        // x = 2 x^2 + 1 has no real fixed point: every method must fail and say so.
        var solver = new EquilibriumSolver(new EquilibriumSolverOptions { Tolerances = new SolverOptions { MaxIterations = 300 } });
        var start = new double[] { 1, 1, 1, 1 };
        var ex = Assert.Throws<EquilibriumNotConvergedException>(() => solver.Solve(system, start));
        Assert.False(ex.Report.Converged);
        Assert.True(ex.Report.Attempts.Count >= 2);
        Assert.Contains("Newton-Krylov", ex.Report.Solver);
    }

    [Fact]
    public void NaNInAParameterGivesAnErrorNamingTheParameter()
    {
        var model = RandomLeontief(6, 3);
        model.FinalDemand[4] = double.NaN;
        var ex = Assert.Throws<InputNotFiniteException>(() => new EquilibriumSolver().Solve(new EquilibriumSystem(model), new double[6]));
        Assert.Contains("FinalDemand[4]", ex.Message);
        Assert.False(new EquilibriumSolver().TrySolve(new EquilibriumSystem(model), new double[6], out var report));
        Assert.Equal(SolveExitReason.InputNotFinite, report.ExitReason);
        model.FinalDemand[4] = 1;
        model.A[2, 3] = double.PositiveInfinity;
        ex = Assert.Throws<InputNotFiniteException>(() => new EquilibriumSolver().Solve(new EquilibriumSystem(model), new double[6]));
        Assert.Contains("A[2, 3]", ex.Message);
    }

    [Fact]
    public void CancellationGivesACancelledReport()
    {
        var system = new EquilibriumSystem(RandomLeontief(50, 7, columnSum: 0.99));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var x = new double[50];
        Assert.False(new AndersonAcceleration().TrySolve(system, x, new SolverOptions { CancellationToken = cts.Token }, out var report));
        Assert.Equal(SolveExitReason.Cancelled, report.ExitReason);
    }

    [Fact]
    public void TheIllConditionedTridiagonalAdjointConvergesAndMatchesADirectSparseSolve()
    {
        const int n = 10_000;
        var r = new Random(3);
        var model = new StiffTridiagonal { Load = Enumerable.Range(0, n).Select(_ => 1 + r.NextDouble()).ToArray(), X = new double[n] };
        var eq = new DifferentiableEquilibrium(new EquilibriumSystem(model));

        // Forward iteration cannot solve it.
        var x0 = new double[n];
        Assert.False(new ForwardIteration().TrySolve(eq.System, x0, new SolverOptions { MaxIterations = 200 }, out _));

        eq.Solve();
        var x = eq.State.ToArray();
        var g = Enumerable.Range(0, n).Select(_ => r.NextDouble() - 0.5).ToArray();
        Assert.True(eq.TrySolveAdjoint(g, out var adjoint), adjoint.ToString());

        // (I - Jx)^T lambda = g with I - Jx = dh/dx = A + 0.2 diag(x), symmetric tridiagonal: Thomas algorithm.
        var lower = new double[n];
        var diag = new double[n];
        var upper = new double[n];
        for (int i = 0; i < n; i++)
        {
            diag[i] = 10 + 0.2 * x[i];
            lower[i] = i > 0 ? -1 : 0;
            upper[i] = i < n - 1 ? -1 : 0;
        }

        var expected = Thomas(lower, diag, upper, g);
        Assert.True(RelativeError(eq.Adjoint.ToArray(), expected) <= 1e-10, $"relative error {RelativeError(eq.Adjoint.ToArray(), expected):E2}; {adjoint}");
    }

    [Fact]
    public void BatchedSolvesRunInParallelEachWithItsOwnReport()
    {
        var systems = Enumerable.Range(0, 8).Select(k => new EquilibriumSystem(RandomLeontief(30, 100 + k))).ToList();
        var results = EquilibriumSolver.SolveMany(systems, maxDegreeOfParallelism: 2);
        Assert.Equal(8, results.Count);
        for (int k = 0; k < 8; k++)
        {
            Assert.True(results[k].Report.Converged, results[k].Report.ToString());
            var m = (DenseLeontief)systems[k].Model;
            Assert.True(RelativeError(results[k].State, LuSolution(m.A, m.FinalDemand)) <= 1e-10);
        }

        Assert.Throws<ArgumentException>(() => EquilibriumSolver.SolveMany([systems[0], new EquilibriumSystem(systems[0].Model)]));
    }

    [Fact]
    public void LocalSolvabilityMatchesTheSingularValuesOfIMinusA()
    {
        var model = RandomLeontief(30, 5);
        var eq = new DifferentiableEquilibrium(new EquilibriumSystem(model));
        eq.Solve();
        var report = eq.LocalSolvability();
        var svd = Matrix<double>.Build.Dense(30, 30, (i, j) => (i == j ? 1 : 0) - model.A[i, j]).Svd(false).S;
        Assert.Equal(svd.Minimum(), report.SmallestSingularValue, 12);
        Assert.Equal(svd.Maximum() / svd.Minimum(), report.ConditionNumber, 8);
    }

    private static double[] Thomas(double[] a, double[] b, double[] c, double[] d)
    {
        int n = d.Length;
        var cp = new double[n];
        var dp = new double[n];
        cp[0] = c[0] / b[0];
        dp[0] = d[0] / b[0];
        for (int i = 1; i < n; i++)
        {
            double m = b[i] - a[i] * cp[i - 1];
            cp[i] = c[i] / m;
            dp[i] = (d[i] - a[i] * dp[i - 1]) / m;
        }

        var x = new double[n];
        x[n - 1] = dp[n - 1];
        for (int i = n - 2; i >= 0; i--)
        {
            x[i] = dp[i] - cp[i] * x[i + 1];
        }

        return x;
    }
    [Fact]
    public void BackpropagateOverwritesBothOutputs()
    {
        int n = 12;
        var layer = new DifferentiableEquilibrium(new EquilibriumSystem(RandomLeontief(n, 3)));
        layer.Solve();
        var c = Enumerable.Range(0, n).Select(i => 1.0 + i).ToArray();
        var layout = layer.System.Layout;
        var theta = new double[layout.ParameterLength];
        var u = new double[layout.InterventionLength];
        layer.Backpropagate(c, theta, u);

        // Buffers that already hold numbers get the same gradient, not that gradient added to them.
        var dirtyTheta = Enumerable.Repeat(7.0, theta.Length).ToArray();
        var dirtyU = Enumerable.Repeat(-3.0, u.Length).ToArray();
        layer.Backpropagate(c, dirtyTheta, dirtyU);
        Assert.Equal(theta, dirtyTheta);
        Assert.Equal(u, dirtyU);
        Assert.Contains(theta, v => v != 0);
        Assert.NotEmpty(u);
        Assert.Contains(u, v => v != 0);
    }

    [Theory]
    [InlineData(EquilibriumMethod.Anderson, "Anderson")]
    [InlineData(EquilibriumMethod.NewtonKrylov, "Newton-Krylov")]
    [InlineData(EquilibriumMethod.Direct, "direct LU")]
    public void AForcedMethodRunsAloneForTheSolveAndTheAdjoint(EquilibriumMethod method, string expected)
    {
        int n = 120;
        var model = RandomLeontief(n, 7);
        var layer = new DifferentiableEquilibrium(new EquilibriumSystem(model), new EquilibriumSolverOptions { Method = method });
        var c = Enumerable.Range(0, n).Select(i => 1.0 + (i % 5)).ToArray();
        layer.SetState(new double[n]);
        layer.Solve();
        var grad = new double[n];
        layer.Backpropagate(c, default, grad);

        Assert.StartsWith(expected, layer.LastSolve!.Solver);
        Assert.Equal(method switch { EquilibriumMethod.Anderson => SolverKind.Anderson, EquilibriumMethod.NewtonKrylov => SolverKind.NewtonKrylov, _ => SolverKind.DirectLu }, layer.LastSolve.Kind);
        Assert.Empty(layer.LastSolve.Attempts);
        string adjointMethod = method switch { EquilibriumMethod.Anderson => "Anderson", EquilibriumMethod.NewtonKrylov => "GMRES", _ => "direct LU" };
        Assert.StartsWith($"adjoint: {adjointMethod}", layer.LastAdjointSolve!.Solver);
        Assert.Equal(method switch { EquilibriumMethod.Anderson => SolverKind.Anderson, EquilibriumMethod.NewtonKrylov => SolverKind.Gmres, _ => SolverKind.DirectLu }, layer.LastAdjointSolve.Kind);
        Assert.DoesNotContain("->", layer.LastAdjointSolve.Solver);

        var x = LuSolution(model.A, model.FinalDemand);
        var transposed = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                transposed[i, j] = model.A[j, i];
            }
        }

        var lambda = LuSolution(transposed, c);
        Assert.True(RelativeError(layer.State.ToArray(), x) < 1e-9);
        Assert.True(RelativeError(grad, x.Select((xi, i) => lambda[i] * xi).ToArray()) < 1e-9);
    }
    [Fact]
    public void SetAdjointMakesTheNextAdjointSolveCold()
    {
        int n = 120;
        var model = RandomLeontief(n, 9);
        var layer = new DifferentiableEquilibrium(new EquilibriumSystem(model), new EquilibriumSolverOptions { Method = EquilibriumMethod.Anderson });
        var c = Enumerable.Range(0, n).Select(i => 1.0 + (i % 3)).ToArray();
        layer.Solve();
        Assert.True(layer.TrySolveAdjoint(c, out var cold));
        var lambda = layer.Adjoint.ToArray();
        Assert.True(layer.TrySolveAdjoint(c, out var warm));
        Assert.True(warm.Iterations < cold.Iterations);

        layer.SetAdjoint(new double[n]);
        Assert.True(layer.TrySolveAdjoint(c, out var again));
        Assert.Equal(cold.Iterations, again.Iterations);
        Assert.True(RelativeError(layer.Adjoint.ToArray(), lambda) < 1e-9);
    }
}
