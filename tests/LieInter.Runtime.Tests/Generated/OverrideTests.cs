using LieInter.Equilibrium;

namespace LieInter.Tests.Generated;

/// <summary>The soft-intervention hook: replacing one node's assignment by a differentiable function of its parents.</summary>
public class OverrideTests
{
    /// <summary>z := tanh(1.3 y) replaces z := gamma y in eq. (4); y is z's only parent.</summary>
    private static DelegateAssignmentOverride TanhOfParent() => new(
        (parents, value) => value[0] = Math.Tanh(1.3 * parents[0]),
        (parents, dParents, value, dValue) =>
        {
            double t = Math.Tanh(1.3 * parents[0]);
            value[0] = t;
            dValue[0] = 1.3 * (1 - t * t) * dParents[0];
        },
        (parents, wValue, wParents) =>
        {
            double t = Math.Tanh(1.3 * parents[0]);
            wParents[0] = 1.3 * (1 - t * t) * wValue[0];
        });

    [Fact]
    public void OverrideSeesTheNodesParentsAndReplacesItsAssignment()
    {
        var system = new EquilibriumSystem(new Motivating());
        var binding = system.Override("Z", TanhOfParent());
        Assert.Equal("Z", binding.Node);
        Assert.Equal(["Y"], binding.Parents.Select(p => p.Name));

        var x = new[] { 0.3, 0.7, -0.2 };
        var fx = new double[3];
        system.Evaluate(x, fx);
        Assert.Equal(Math.Tanh(1.3 * 0.7), fx[2], 15);
        Assert.Equal(0.5 * 0.3 + 0.3 * -0.2, fx[1], 15); // y's assignment is untouched
    }

    [Fact]
    public void SystemDerivativesWithAnOverrideMatchFiniteDifferencesAndEachOther()
    {
        var system = new EquilibriumSystem(new Motivating());
        system.Override("Z", TanhOfParent());
        system.Coordinates[0] = 0.2;  // u_y
        system.Coordinates[1] = -0.1; // u_z: the overridden node ignores its Lie intervention
        var x = new[] { 0.3, 0.7, -0.2 };
        var v = new[] { 0.5, -1.0, 0.25 };
        var w = new[] { -0.3, 0.8, 1.1 };
        var fx = new double[3];
        var jv = new double[3];
        system.Jvp(x, v, fx, jv);

        const double h = 1e-5;
        var plus = new double[3];
        var minus = new double[3];
        system.Evaluate(x.Select((xi, k) => xi + h * v[k]).ToArray(), plus);
        system.Evaluate(x.Select((xi, k) => xi - h * v[k]).ToArray(), minus);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal((plus[k] - minus[k]) / (2 * h), jv[k], 8);
        }

        var wJ = new double[3];
        var wJu = new double[2];
        var wJTheta = new double[4];
        system.Vjp(x, w, wJ, wJTheta, wJu);
        double lhs = w.Zip(jv, (a, b) => a * b).Sum();
        double rhs = wJ.Zip(v, (a, b) => a * b).Sum();
        Assert.Equal(lhs, rhs, 13);
        Assert.Equal(0.0, wJu[1]); // z's intervention no longer acts
        Assert.Equal(0.0, wJTheta[3]); // neither does gamma

        var row = new double[3];
        system.JacobianRow(x, 2, row);
        double t = Math.Tanh(1.3 * 0.7);
        Assert.Equal([0.0, 1.3 * (1 - t * t), 0.0], row);
    }
}
