using System.Diagnostics;
using LieInter.Economics;
using MathNet.Numerics.LinearAlgebra.Double;

namespace LieInter.Tests.RealData;

/// <summary>Every shipped WIOD country-year (derived CSVs) and the two national USEEIO models, loaded once for the
/// whole RealData collection, each with an independent reference: x* = (I - A)^-1 y and lambda = (I - A)^-T c from
/// MathNet's LU.</summary>
public sealed class RealDataFixture
{
    public static readonly string[] Countries = ["CAN", "DEU", "FRA", "GBR", "USA"];

    public RealDataFixture()
    {
        string root = DataRoot.Resolve();
        var clock = Stopwatch.StartNew();
        foreach (string country in Countries)
        {
            var c = WiodDerivedCountry.Load(Path.Combine(root, "wiod2016", "derived"), country);
            foreach (int year in c.Years)
            {
                Wiod.Add(new RealTable($"WIOD {country} {year}", c.Table(year), WiodDerivedCountry.Co2));
            }
        }

        LoadTime["WIOD derived, 75 country-years"] = clock.Elapsed;
        clock.Restart();
        UseeioV2 = new RealTable(
            "USEEIO v2.0.1",
            UseeioModel.Load(Path.Combine(root, "useeio", "USEEIOv2.0.1-411"), new UseeioLoadOptions { DemandIds = ["2012_US_Production_Complete"] }),
            "GHG");
        LoadTime["USEEIO v2.0.1 (411)"] = clock.Elapsed;
        clock.Restart();
        UseeioV12 = new RealTable(
            "USEEIO v1.2",
            UseeioModel.Load(Path.Combine(root, "useeio", "USEEIOv1.2"), new UseeioLoadOptions { DemandIds = ["2007_us_production"] }),
            "GHG");
        LoadTime["USEEIO v1.2 (388)"] = clock.Elapsed;
    }

    public List<RealTable> Wiod { get; } = new();

    public RealTable UseeioV2 { get; }

    public RealTable UseeioV12 { get; }

    public IEnumerable<RealTable> All => Wiod.Append(UseeioV2).Append(UseeioV12);

    public Dictionary<string, TimeSpan> LoadTime { get; } = new();
}

/// <summary>One table with its emission intensity c and LU references for the solution and the adjoint.</summary>
public sealed class RealTable
{
    private readonly Lazy<(double[] X, double[] Lambda)> _reference;

    public RealTable(string name, InputOutputTable table, string emissionStressor)
    {
        Name = name;
        Table = table;
        A = table.TechnicalCoefficientsArray();
        Y = table.FinalDemand.ToArray();
        C = table.Intensity(emissionStressor);
        _reference = new Lazy<(double[], double[])>(() =>
        {
            int n = Y.Length;
            var m = DenseMatrix.Create(n, n, (i, j) => (i == j ? 1.0 : 0.0) - A[i, j]);
            var lu = m.LU();
            var x = lu.Solve(DenseVector.OfArray(Y)).ToArray();
            var lambda = m.Transpose().LU().Solve(DenseVector.OfArray(C)).ToArray();
            return (x, lambda);
        });
    }

    public string Name { get; }

    public InputOutputTable Table { get; }

    public int N => Y.Length;

    public double[,] A { get; }

    public double[] Y { get; }

    /// <summary>CO2 (WIOD, kt per million USD) or GHG (USEEIO, kg CO2-eq per USD) intensity per unit of output.</summary>
    public double[] C { get; }

    /// <summary>x* = (I - A)^-1 y by MathNet LU.</summary>
    public double[] ReferenceSolution => _reference.Value.X;

    /// <summary>dL/du_i = lambda_i x*_i for L = c^T x* at u = 0, with lambda = (I - A)^-T c (MathNet LU).</summary>
    public double[] ReferenceGradient()
    {
        var (x, lambda) = _reference.Value;
        return x.Select((xi, i) => lambda[i] * xi).ToArray();
    }

    public override string ToString() => Name;
}

[CollectionDefinition(Name)]
public sealed class RealDataCollection : ICollectionFixture<RealDataFixture>
{
    public const string Name = "Real data";
}

internal static class Norms
{
    /// <summary>||a - b||_2 / ||b||_2.</summary>
    public static double RelativeDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double d = 0, r = 0;
        for (int i = 0; i < a.Length; i++)
        {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            r += b[i] * b[i];
        }

        return Math.Sqrt(d) / Math.Sqrt(r);
    }

    /// <summary>max_i |a_i - b_i| / max_i |b_i|: every component, scaled by the largest.</summary>
    public static double ComponentwiseDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double d = 0, r = 0;
        for (int i = 0; i < a.Length; i++)
        {
            d = Math.Max(d, Math.Abs(a[i] - b[i]));
            r = Math.Max(r, Math.Abs(b[i]));
        }

        return d / r;
    }
}
