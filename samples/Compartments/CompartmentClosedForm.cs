using LieInter.Models;
using MathNet.Numerics.LinearAlgebra;

namespace LieInter.Samples.Compartments;

/// <summary>
/// The compartment model solved by hand, independently of the generated code and the solvers: x = D (A x + y) with
/// D = diag(alpha, 1, 1, beta, 1, 1) is one 6 x 6 linear solve. The ideal compartmentalized intervention holds both
/// traders at given values (a hard intervention on each invariant node): their rows become x_R = value.
/// </summary>
public static class CompartmentClosedForm
{
    /// <param name="model">Coefficients and final demands.</param>
    /// <param name="alpha">Factor of intervention U on Target1 (e^u).</param>
    /// <param name="beta">Factor of intervention V on Target2 (e^v).</param>
    /// <param name="traders">When given, Trader1 and Trader2 are held at these values.</param>
    public static double[] Solve(CompartmentModel model, double alpha, double beta, (double Trader1, double Trader2)? traders = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = Matrix<double>.Build.DenseOfArray(model.A);
        var y = Vector<double>.Build.DenseOfArray(model.FinalDemand);
        var d = Vector<double>.Build.Dense(6, 1.0);
        d[CompartmentModel.T1] = alpha;
        d[CompartmentModel.T2] = beta;
        var m = Matrix<double>.Build.DenseIdentity(6) - Matrix<double>.Build.DenseOfDiagonalVector(d) * a;
        var b = y.PointwiseMultiply(d);
        if (traders is var (r1, r2))
        {
            foreach (var (row, value) in new[] { (CompartmentModel.R1, r1), (CompartmentModel.R2, r2) })
            {
                m.ClearRow(row);
                m[row, row] = 1;
                b[row] = value;
            }
        }

        return m.Solve(b).ToArray();
    }
}
