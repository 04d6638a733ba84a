using LieInter.Modeling;

namespace LieInter.Tests.Generated;

/// <summary>Instances of every corpus model at a random point of their domain, with random intervention coordinates.</summary>
public static class CorpusInstances
{
    /// <summary>A named factory per corpus model; <c>seed</c> varies the parameters.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Random, (IEquilibriumModel Model, Func<Random, double> StateSample)>> All =
        new Dictionary<string, Func<Random, (IEquilibriumModel, Func<Random, double>)>>
        {
            ["Motivating"] = r => (new Motivating { Tau = 1 + r.NextDouble(), Alpha = 0.5 * r.NextDouble(), Beta = 0.3, Gamma = 0.8 }, Uniform(-1, 1)),
            ["DenseLeontief"] = r => (new DenseLeontief { A = RandomMatrix(r, 7, 0.1), FinalDemand = RandomVector(r, 7, 0.5, 2), X = new double[7] }, Uniform(0, 3)),
            ["PriceModel"] = r => (new PriceModel { A = RandomMatrix(r, 6, 0.12), EnergyIndicator = Indicator(6, 2), Beta = 0.7, P = new double[6] }, Uniform(0, 1)),
            ["Rebound"] = r => (new Rebound { A = new double[,] { { 0, 0.1, 0 }, { 0.5, 0, 0 }, { 0.1, 0.2, 0 } }, EnergyEfficiency = 0.8 + 0.4 * r.NextDouble(), X = new double[3], P = new double[3], Demand = new double[3] }, Uniform(0, 1.5)),
            ["Functions"] = r => (new Functions { Scale = 0.2 + 0.2 * r.NextDouble(), Offset = 1.2 + r.NextDouble(), Exponent = 1.3 + r.NextDouble() }, Uniform(-1, 1)),
            ["ParameterInterventions"] = r => (new ParameterInterventions { A = RandomMatrix(r, 5, 0.1), FinalDemand = RandomVector(r, 5, 1, 2), Level = 0.3, X = new double[5] }, Uniform(0, 2)),
            ["SparseLeontief"] = r => (new SparseLeontief { A = RandomSparse(r, 9, 0.3, 0.2), FinalDemand = RandomVector(r, 9, 0.5, 1.5), X = new double[9] }, Uniform(0, 2)),
            ["Tridiagonal"] = r => (new Tridiagonal { Load = RandomVector(r, 8, 1, 3), X = new double[8] }, Uniform(0, 1)),
            ["LoopProducts"] = r => (new LoopProducts { Weights = RandomVector(r, 6, 0.2, 1), Rate = 0.1 + 0.1 * r.NextDouble(), X = new double[6] }, Uniform(-1, 1)),
            ["ReductionBroadcast"] = r => (new ReductionBroadcast { Base = RandomVector(r, 5, 0, 1), Coupling = 0.05, X = new double[5] }, Uniform(0, 2)),
            ["UserGroup"] = r => (new UserGroup { Gain = 0.3 + 0.2 * r.NextDouble(), Y = new double[4] }, Uniform(0.5, 1.5)),
            ["Branches"] = r => (new Branches { Coefficients = RandomVector(r, 6, -0.5, 0.5), Width = 0.05, V = new double[6] }, Uniform(-1, 1)),
            ["NestedLoops"] = r => (new NestedLoops { K = RandomMatrix(r, 5, 1.0), Damping = 0.2, Z = new double[5] }, Uniform(-1, 1)),
        };

    public static Func<Random, double> Uniform(double lo, double hi) => r => lo + (hi - lo) * r.NextDouble();

    public static double[,] RandomMatrix(Random r, int n, double scale)
    {
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = scale * r.NextDouble();
            }
        }

        return a;
    }

    public static double[] RandomVector(Random r, int n, double lo, double hi) =>
        Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * r.NextDouble()).ToArray();

    public static double[] Indicator(int n, int k)
    {
        var v = new double[n];
        v[k] = 1;
        return v;
    }

    public static SparseMatrix RandomSparse(Random r, int n, double density, double scale)
    {
        var triplets = new List<(int, int, double)>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (r.NextDouble() < density || j == (i + 1) % n)
                {
                    triplets.Add((i, j, scale * r.NextDouble()));
                }
            }
        }

        return SparseMatrix.FromTriplets(n, n, triplets);
    }
}
