using LieInter.Models;
using MathNet.Numerics.LinearAlgebra;

namespace LieInter.Samples.Rebound;

/// <summary>
/// The rebound model solved by hand, independently of the generated code and the solvers: prices do not depend on
/// quantities, so p = (I - A'^T)^-1 A'^T delta_e is one linear solve, demand follows from the prices the consumers
/// see, and x = (I - A')^-1 y is a second linear solve. This is the "closed form" the numbers come from.
/// </summary>
public static class ReboundClosedForm
{
    /// <summary>Equilibrium at A[0, 1] = <paramref name="a"/> and energy efficiency <paramref name="d"/>; when
    /// <paramref name="consumerPrice0"/> is given, sector 0's demand sees that price instead of p_0 (a hard
    /// intervention on the auxiliary node: the ideal invariant intervention sets it to the reference p_0).</summary>
    public static (double[] X, double[] P, double[] Demand) Solve(double a, double d, double? consumerPrice0 = null)
    {
        var model = ReboundModel.ThreeSector(a);
        var basis = Matrix<double>.Build.DenseOfArray(model.A);
        var scaled = basis.Clone();
        scaled.SetRow(ReboundModel.Energy, basis.Row(ReboundModel.Energy) * d);
        var identity = Matrix<double>.Build.DenseIdentity(3);
        var p = (identity - scaled.Transpose()).Solve(scaled.Row(ReboundModel.Energy));
        var q = p.Clone();
        if (consumerPrice0 is double q0)
        {
            q[0] = q0;
        }

        var y = q.Map(price => model.DemandScale / (Math.Exp(model.DemandSteepness * (price / model.DemandReferencePrice - 1)) + 1));
        var x = (identity - scaled).Solve(y);
        return (x.ToArray(), p.ToArray(), y.ToArray());
    }
}
