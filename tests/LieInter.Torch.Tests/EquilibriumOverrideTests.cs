using LieInter.Equilibrium;
using LieInter.Samples.Motivating;
using Xunit.Abstractions;
using static LieInter.Torch.Tests.Numerics;

namespace LieInter.Torch.Tests;

/// <summary>An MLP plugged into <see cref="EquilibriumSystem"/> on the paper's eq. (4) model (the motivating sample's generated one).</summary>
public class EquilibriumOverrideTests(ITestOutputHelper output)
{
    private static readonly double[] U = [0.1, -0.2];

    [Fact]
    public void SystemJvpAndVjpWithAnMlpOverrideMatchCentralDifferences()
    {
        var system = new EquilibriumSystem(new LinearMotivating());
        U.CopyTo(system.Coordinates);
        using var mlp = system.OverrideWithMlp("Y", new MlpOptions { HiddenSizes = [6, 6], Activation = MlpActivation.Softplus, Seed = 2 });
        Assert.Equal(["X", "Z"], mlp.Binding!.Parents.Select(p => p.Name));

        var rng = new Random(21);
        for (int trial = 0; trial < 4; trial++)
        {
            var x = Random(rng, 3, 1.5);
            var v = Random(rng, 3);
            var w = Random(rng, 3);
            var fx = new double[3];
            var jv = new double[3];
            system.Jvp(x, v, fx, jv);
            var fd = CentralDifference(system.Evaluate, x, v, 3);
            Assert.True(RelativeError(jv, fd) <= 1e-6, $"system JVP {string.Join(", ", jv)} vs FD {string.Join(", ", fd)}");

            var wj = new double[3];
            system.Vjp(x, w, wj);
            Assert.True(Math.Abs(Dot(w, jv) - Dot(wj, v)) <= 1e-12 * Math.Max(1, Math.Abs(Dot(w, jv))));

            // Row Y of the Jacobian comes from the override and must not see the model's alpha x + beta z.
            var row = new double[3];
            system.JacobianRow(x, 1, row);
            for (int j = 0; j < 3; j++)
            {
                var e = new double[3];
                e[j] = 1;
                Assert.Equal(CentralDifference(system.Evaluate, x, e, 3)[1], row[j], 8);
            }

            Assert.Equal(0.0, row[1]);
        }
    }

    [Fact]
    public void OriginalAssignmentBaselineWithZeroInitialisedMlpReproducesTheModel()
    {
        var model = new LinearMotivating();
        var plain = new EquilibriumSystem(model);
        U.CopyTo(plain.Coordinates);
        var system = new EquilibriumSystem(new LinearMotivating());
        U.CopyTo(system.Coordinates);
        using var mlp = system.OverrideWithMlp("Z", new MlpOptions { OutputInitScale = 0.0 }, AssignmentBaselines.Original(system));

        var x = new[] { 0.7, 1.3, -0.4 };
        var expected = new double[3];
        var actual = new double[3];
        plain.Evaluate(x, expected);
        system.Evaluate(x, actual);
        Assert.Equal(expected, actual);
        Assert.Equal(Math.Exp(U[1]) * model.Gamma * x[1], actual[2], 15);

        // Once the network is nonzero, the override's derivatives include both the baseline and the network.
        var theta = new double[mlp.ParameterCount];
        mlp.ReadParameters(theta);
        var rng = new Random(22);
        for (int i = theta.Length - 33; i < theta.Length; i++)
        {
            theta[i] = 0.3 * (2 * rng.NextDouble() - 1);
        }

        mlp.WriteParameters(theta);
        var v = new[] { 0.3, -0.8, 0.5 };
        var fx = new double[3];
        var jv = new double[3];
        system.Jvp(x, v, fx, jv);
        var fd = CentralDifference(system.Evaluate, x, v, 3);
        Assert.True(RelativeError(jv, fd) <= 1e-6);
        Assert.NotEqual(expected[2], fx[2]);
        var w = new[] { 0.2, -0.6, 1.1 };
        var wj = new double[3];
        system.Vjp(x, w, wj);
        Assert.True(Math.Abs(Dot(w, jv) - Dot(wj, v)) <= 1e-12);
    }

    /// <summary>The outer loop of issue 6: solve x* = f(x*), solve the adjoint lambda = dL/dx + J^T lambda, and the
    /// gradient of L(x*) with respect to the MLP's parameters is lambda_Y^T dMLP/dparams at the parents of Y.
    /// Checked against central differences of L through re-solved equilibria.</summary>
    [Fact]
    public void ImplicitParameterGradientThroughTheEquilibriumMatchesCentralDifferences()
    {
        var system = new EquilibriumSystem(new LinearMotivating());
        U.CopyTo(system.Coordinates);
        using var mlp = system.OverrideWithMlp("Y", new MlpOptions { HiddenSizes = [4, 4], Seed = 9, OutputInitScale = 0.3 });

        double Loss(double[] x) => 0.5 * (x[2] - 0.25) * (x[2] - 0.25);
        var xStar = Solve(system);

        // Adjoint: (I - J^T) lambda = dL/dx, by fixed-point iteration (J is a contraction here).
        var g = new[] { 0.0, 0.0, xStar[2] - 0.25 };
        var lambda = (double[])g.Clone();
        var wj = new double[3];
        for (int it = 0; it < 500; it++)
        {
            system.Vjp(xStar, lambda, wj);
            for (int i = 0; i < 3; i++)
            {
                lambda[i] = g[i] + wj[i];
            }
        }

        system.Vjp(xStar, lambda, wj);
        Assert.True(Norm(new[] { lambda[0] - g[0] - wj[0], lambda[1] - g[1] - wj[1], lambda[2] - g[2] - wj[2] }) < 1e-14);

        mlp.ZeroGradient();
        mlp.AccumulateParameterGradient([xStar[0], xStar[2]], [lambda[1]]);
        var gradient = new double[mlp.ParameterCount];
        mlp.ReadGradient(gradient);

        var theta = new double[mlp.ParameterCount];
        mlp.ReadParameters(theta);
        var fd = new double[theta.Length];
        const double h = 1e-6;
        for (int k = 0; k < theta.Length; k++)
        {
            double t0 = theta[k];
            theta[k] = t0 + h;
            mlp.WriteParameters(theta);
            double plus = Loss(Solve(system));
            theta[k] = t0 - h;
            mlp.WriteParameters(theta);
            double minus = Loss(Solve(system));
            theta[k] = t0;
            fd[k] = (plus - minus) / (2 * h);
        }

        mlp.WriteParameters(theta);
        double error = RelativeError(gradient, fd);
        output.WriteLine($"implicit gradient vs FD through re-solved equilibria: relative error {error:E2}, |grad| {Norm(gradient):E2}");
        Assert.True(error <= 1e-6, $"implicit gradient relative error {error}");
        Assert.True(Norm(gradient) > 1e-4);
    }

    /// <summary>Forward iteration to machine precision; fails loudly if it does not converge.</summary>
    private static double[] Solve(EquilibriumSystem system)
    {
        var x = new double[3];
        var fx = new double[3];
        for (int it = 0; it < 2000; it++)
        {
            system.Evaluate(x, fx);
            double change = RelativeError(fx, x, 1.0);
            fx.CopyTo(x, 0);
            if (change < 1e-14)
            {
                return x;
            }
        }

        throw new InvalidOperationException("Forward iteration did not converge in the test model.");
    }
}
