using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Solvers;

namespace LieInter.Economics.Rebound;

/// <summary>
/// The rebound of an energy-efficiency gain on a national input-output table (<see cref="PriceQuantityReboundModel"/>):
/// how much of the energy and CO2 an efficiency gain saves at fixed final demand (the engineering saving) is taken
/// back when cheaper energy lowers prices and final demand responds (the actual saving); rebound = 1 - actual /
/// engineering, backfire above 100%. Calibrated to the table: the reference final demand is y = x - A x with x the
/// table's output, so the reference equilibrium is the table (x = output, p = 1).
/// </summary>
/// <remarks>Not thread-safe: it owns two solved systems (the full model, and the same model with zero elasticities
/// for the engineering counterfactual) whose warm starts it reuses.</remarks>
public sealed class ReboundEconomy
{
    /// <summary>Tolerances tight enough to compare with the table at 1e-10 and to take finite differences.</summary>
    public static EquilibriumSolverOptions Solver { get; } = new()
    {
        Tolerances = new SolverOptions { AbsoluteTolerance = 1e-13, RelativeTolerance = 1e-13 },
    };

    private readonly Counterfactual _actual;
    private readonly Counterfactual _engineering;
    private readonly double[] _energyWeights;
    private readonly double[] _co2;

    public ReboundEconomy(InputOutputTable table, ReboundOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        Options = options ?? new ReboundOptions();
        Table = table;
        int n = table.SectorCount;
        if (Options.EnergySectors.Count == 0)
        {
            throw new ArgumentException("Name at least one energy sector: the efficiency gain scales their rows of A.", nameof(options));
        }

        if (!double.IsFinite(Options.UniformElasticity) || Options.UniformElasticity < 0)
        {
            throw new ArgumentException($"The uniform elasticity {Options.UniformElasticity} must be a finite number >= 0.", nameof(options));
        }

        EnergySectors = Options.EnergySectors.Select(table.IndexOfSector).Distinct().Order().ToArray();
        ReferenceOutput = (table.HasReportedOutput ? table.ReportedOutput : table.Output).ToArray();
        var a = table.TechnicalCoefficientsArray();
        var demand = new double[n];
        var primary = new double[n];
        for (int i = 0; i < n; i++)
        {
            double used = 0, column = 0;
            for (int j = 0; j < n; j++)
            {
                used += a[i, j] * ReferenceOutput[j];
                column += a[j, i];
            }

            demand[i] = ReferenceOutput[i] - used;
            primary[i] = 1 - column;
        }

        ReferenceDemand = demand;
        PrimaryInput = primary;

        var elasticities = new double[n];
        var known = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var s = table.Sectors[i];
            if (Options.Elasticities is { } given && (given.TryGetValue(s.Code, out double e) || given.TryGetValue(s.Key, out e)))
            {
                elasticities[i] = e;
                known.Add(given.ContainsKey(s.Code) ? s.Code : s.Key);
            }
            else
            {
                elasticities[i] = Options.UniformElasticity;
            }
        }

        Elasticities = elasticities;
        var unknown = Options.Elasticities?.Keys.Where(k => !known.Contains(k)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            throw new InputOutputDataException($"elasticities are given for sector(s) the table does not have: {InputOutputDataException.ListNames(unknown)}.", table.Source);
        }

        _co2 = table.Intensity(Options.Co2Stressor);
        _energyWeights = new double[n];
        foreach (int e in EnergySectors)
        {
            _energyWeights[e] = 1;
        }

        _actual = new Counterfactual(CreateModel());
        _engineering = new Counterfactual(CreateModel(zeroElasticities: true));
        ReferenceState = _actual.SolveAt(0).ToArray();
    }

    public InputOutputTable Table { get; }

    public ReboundOptions Options { get; }

    /// <summary>Indices of the energy sectors, ascending.</summary>
    public IReadOnlyList<int> EnergySectors { get; }

    /// <summary>x: the table's output.</summary>
    public IReadOnlyList<double> ReferenceOutput { get; }

    /// <summary>y^ref = x - A x.</summary>
    public IReadOnlyList<double> ReferenceDemand { get; }

    /// <summary>v_j = 1 - sum_i A[i, j].</summary>
    public IReadOnlyList<double> PrimaryInput { get; }

    public IReadOnlyList<double> Elasticities { get; }

    /// <summary>The solved reference equilibrium (all four nodes, in the model's layout).</summary>
    public IReadOnlyList<double> ReferenceState { get; }

    public int SectorCount => Table.SectorCount;

    /// <summary>A fresh model calibrated to the table, at the reference (d = 1); its nodes start at the reference.</summary>
    public PriceQuantityReboundModel CreateModel(bool zeroElasticities = false)
    {
        int n = SectorCount;
        var row = new double[n];
        foreach (int e in EnergySectors)
        {
            row[e] = 1;
        }

        return new PriceQuantityReboundModel
        {
            A = Table.TechnicalCoefficientsArray(),
            EnergyRow = row,
            PrimaryInput = PrimaryInput.ToArray(),
            DemandReference = ReferenceDemand.ToArray(),
            Elasticity = zeroElasticities ? new double[n] : Elasticities.ToArray(),
            X = ReferenceOutput.ToArray(),
            P = Enumerable.Repeat(1.0, n).ToArray(),
            ConsumerPrice = Enumerable.Repeat(1.0, n).ToArray(),
            Demand = ReferenceDemand.ToArray(),
        };
    }

    /// <summary>Total energy output (sum over the energy sectors) and total CO2 of an output vector.</summary>
    public (double Energy, double Co2) Totals(IReadOnlyList<double> output)
    {
        double e = 0, c = 0;
        for (int i = 0; i < output.Count; i++)
        {
            e += _energyWeights[i] * output[i];
            c += _co2[i] * output[i];
        }

        return (e, c);
    }

    /// <summary>The economy after an efficiency gain <paramref name="gain"/> (d = 1 - gain; a negative gain is a loss).</summary>
    public ReboundMeasurement Measure(double gain)
    {
        if (!(gain < 1) || !double.IsFinite(gain))
        {
            throw new ArgumentOutOfRangeException(nameof(gain), gain, "The efficiency gain must be a finite number below 1 (d = 1 - gain > 0).");
        }

        double u = Math.Log(1 - gain);
        var state = _actual.SolveAt(u);
        var x = state.Slice(_actual.X.Offset, _actual.X.Length).ToArray();
        var p = state.Slice(_actual.P.Offset, _actual.P.Length).ToArray();
        var engineering = _engineering.SolveAt(u);
        var xe = engineering.Slice(_engineering.X.Offset, _engineering.X.Length).ToArray();
        var reference = Totals(ReferenceOutput);
        var (energyE, co2E) = Totals(xe);
        var (energyA, co2A) = Totals(x);
        return new ReboundMeasurement(gain, new ReboundQuantity(reference.Energy, energyE, energyA), new ReboundQuantity(reference.Co2, co2E, co2A), x, p, xe);
    }

    /// <summary>The rebound of an infinitesimal gain, for energy and for CO2, by implicit differentiation at the
    /// reference (one adjoint solve per total and counterfactual).</summary>
    public (MarginalRebound Energy, MarginalRebound Co2) Marginal() =>
        (new MarginalRebound(_engineering.Derivative(_energyWeights), _actual.Derivative(_energyWeights)),
         new MarginalRebound(_engineering.Derivative(_co2), _actual.Derivative(_co2)));

    /// <summary>One model with its solved system; solves warm-start from the last state.</summary>
    private sealed class Counterfactual
    {
        private readonly EquilibriumSystem _system;
        private readonly DifferentiableEquilibrium _equilibrium;

        public Counterfactual(PriceQuantityReboundModel model)
        {
            _system = new EquilibriumSystem(model);
            _equilibrium = new DifferentiableEquilibrium(_system, Solver);
            X = _system.Layout.Node(nameof(PriceQuantityReboundModel.X));
            P = _system.Layout.Node(nameof(PriceQuantityReboundModel.P));
        }

        public Modeling.Segment X { get; }

        public Modeling.Segment P { get; }

        public ReadOnlySpan<double> SolveAt(double u)
        {
            _system.InterventionCoordinates(PriceQuantityReboundModel.Efficiency)[0] = u;
            return _equilibrium.Solve();
        }

        /// <summary>d (w . x*) / du at u = 0.</summary>
        public double Derivative(double[] weights)
        {
            SolveAt(0);
            var gradX = new double[_system.Dimension];
            weights.CopyTo(gradX.AsSpan(X.Offset, X.Length));
            var gradU = new double[_system.Coordinates.Length];
            _equilibrium.Backpropagate(gradX, [], gradU);
            return gradU[_system.Layout.Intervention(PriceQuantityReboundModel.Efficiency).Offset];
        }
    }
}
