namespace LieInter.Torch.Tests;

/// <summary>
/// Eq. (4) of the paper written by hand (until the generator lands): x = tau, y = e^{u_y} (alpha x + beta z),
/// z = e^{u_z} gamma y, with the multiplicative Lie intervention "Damping" on the assignments of y and z.
/// </summary>
internal sealed class MotivatingModel : IEquilibriumModel
{
    private static readonly ModelSchema SchemaInstance = new(
        "Motivating",
        [
            new NodeSchema("X", NodeShape.Scalar, "AssignX"),
            new NodeSchema("Y", NodeShape.Scalar, "AssignY"),
            new NodeSchema("Z", NodeShape.Scalar, "AssignZ"),
        ],
        [
            new ParameterSchema("Tau", ParameterShape.Scalar),
            new ParameterSchema("Alpha", ParameterShape.Scalar),
            new ParameterSchema("Beta", ParameterShape.Scalar),
            new ParameterSchema("Gamma", ParameterShape.Scalar),
        ],
        [
            new InterventionSchema(
                "Damping",
                typeof(Multiplicative),
                [new InterventionTargetSchema("Y", InterventionTargetKind.NodeAssignment), new InterventionTargetSchema("Z", InterventionTargetKind.NodeAssignment)],
                Shared: false),
        ],
        new CausalGraph(
            ["X", "Y", "Z"],
            [
                new CausalEdge("X", "Y", ElementDependencyKind.Scalar, []),
                new CausalEdge("Z", "Y", ElementDependencyKind.Scalar, []),
                new CausalEdge("Y", "Z", ElementDependencyKind.Scalar, []),
            ],
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["X"] = ["Tau"],
                ["Y"] = ["Alpha", "Beta"],
                ["Z"] = ["Gamma"],
            }),
        isAffineInState: true);

    private static readonly ModelLayout LayoutInstance = new(
        [new Segment("X", 0, 1), new Segment("Y", 1, 1), new Segment("Z", 2, 1)],
        [new Segment("Tau", 0, 1), new Segment("Alpha", 1, 1), new Segment("Beta", 2, 1), new Segment("Gamma", 3, 1)],
        [new Segment("Damping", 0, 2)]);

    public double Tau = 1.0;
    public double Alpha = 0.5;
    public double Beta = 0.3;
    public double Gamma = 0.8;
    public double X;
    public double Y;
    public double Z;

    public ModelSchema Schema => SchemaInstance;

    public ModelLayout GetLayout() => LayoutInstance;

    public void ReadState(Span<double> x)
    {
        x[0] = X;
        x[1] = Y;
        x[2] = Z;
    }

    public void WriteState(ReadOnlySpan<double> x)
    {
        X = x[0];
        Y = x[1];
        Z = x[2];
    }

    public void ReadParameters(Span<double> theta)
    {
        theta[0] = Tau;
        theta[1] = Alpha;
        theta[2] = Beta;
        theta[3] = Gamma;
    }

    public void WriteParameters(ReadOnlySpan<double> theta)
    {
        Tau = theta[0];
        Alpha = theta[1];
        Beta = theta[2];
        Gamma = theta[3];
    }

    public object GetParameterValue(string name) => name switch
    {
        "Tau" => Tau,
        "Alpha" => Alpha,
        "Beta" => Beta,
        "Gamma" => Gamma,
        _ => throw new ArgumentException($"No parameter '{name}'.", nameof(name)),
    };

    public void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> u, Span<double> fx)
    {
        double ey = Factor(u, 0);
        double ez = Factor(u, 1);
        fx[0] = Tau;
        fx[1] = ey * (Alpha * x[0] + Beta * x[2]);
        fx[2] = ez * Gamma * x[1];
    }

    public void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> u, ReadOnlySpan<double> dx, ReadOnlySpan<double> dTheta, ReadOnlySpan<double> du, Span<double> fx, Span<double> jv)
    {
        Evaluate(x, u, fx);
        double ey = Factor(u, 0);
        double ez = Factor(u, 1);
        jv.Clear();
        if (!dx.IsEmpty)
        {
            jv[1] += ey * (Alpha * dx[0] + Beta * dx[2]);
            jv[2] += ez * Gamma * dx[1];
        }

        if (!dTheta.IsEmpty)
        {
            jv[0] += dTheta[0];
            jv[1] += ey * (dTheta[1] * x[0] + dTheta[2] * x[2]);
            jv[2] += ez * dTheta[3] * x[1];
        }

        if (!du.IsEmpty)
        {
            jv[1] += fx[1] * du[0];
            jv[2] += fx[2] * du[1];
        }
    }

    public void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> u, ReadOnlySpan<double> w, Span<double> wJx, Span<double> wJTheta, Span<double> wJu)
    {
        double ey = Factor(u, 0);
        double ez = Factor(u, 1);
        if (!wJx.IsEmpty)
        {
            wJx[0] = w[1] * ey * Alpha;
            wJx[1] = w[2] * ez * Gamma;
            wJx[2] = w[1] * ey * Beta;
        }

        if (!wJTheta.IsEmpty)
        {
            wJTheta[0] = w[0];
            wJTheta[1] = w[1] * ey * x[0];
            wJTheta[2] = w[1] * ey * x[2];
            wJTheta[3] = w[2] * ez * x[1];
        }

        if (!wJu.IsEmpty)
        {
            wJu[0] = w[1] * ey * (Alpha * x[0] + Beta * x[2]);
            wJu[1] = w[2] * ez * Gamma * x[1];
        }
    }

    public void JacobianRow(ReadOnlySpan<double> x, ReadOnlySpan<double> u, int row, Span<double> jacobianRow)
    {
        jacobianRow.Clear();
        if (row == 1)
        {
            jacobianRow[0] = Factor(u, 0) * Alpha;
            jacobianRow[2] = Factor(u, 0) * Beta;
        }
        else if (row == 2)
        {
            jacobianRow[1] = Factor(u, 1) * Gamma;
        }
    }

    private static double Factor(ReadOnlySpan<double> u, int k) => u.IsEmpty ? 1.0 : Math.Exp(u[k]);
}
