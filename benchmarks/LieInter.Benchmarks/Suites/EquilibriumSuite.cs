using BenchmarkDotNet.Attributes;
using LieInter.Benchmarks.Generated;
using LieInter.Differentiation;
using LieInter.Equilibrium;

namespace LieInter.Benchmarks.Suites;

/// <summary>
/// BenchmarkDotNet suite of the hot path, for allocation and regression tracking across commits (the peer
/// comparison, which judges speed, is <c>-- peers</c>): one generated evaluation of f, one state VJP, and a cold
/// solve plus the gradient of c^T x* through the adjoint, on dense Leontief models of table-like sizes.
/// <c>dotnet run -c Release --project benchmarks/LieInter.Benchmarks -- --filter *EquilibriumSuite*</c>.
/// </summary>
[MemoryDiagnoser]
public class EquilibriumSuite
{
    private EquilibriumSystem _system = default!;
    private DifferentiableEquilibrium _layer = default!;
    private double[] _x = default!;
    private double[] _fx = default!;
    private double[] _c = default!;
    private double[] _grad = default!;
    private double[] _zero = default!;

    /// <summary>Sectors: a WIOD country (56), USEEIO (411) and a large national table (1,000).</summary>
    [Params(56, 411, 1000)]
    public int Sectors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = DenseLeontief.Random(Sectors);
        _system = new EquilibriumSystem(new LieInter.Models.LeontiefQuantityModel(data.A, data.FinalDemand));
        _layer = new DifferentiableEquilibrium(_system);
        _layer.Solve();
        _x = _layer.State.ToArray();
        _fx = new double[Sectors];
        _c = Enumerable.Range(0, Sectors).Select(i => 1.0 + (i % 7)).ToArray();
        _grad = new double[Sectors];
        _zero = new double[Sectors];
    }

    [Benchmark(Description = "f(x)")]
    public void Evaluate() => _system.Evaluate(_x, _fx);

    [Benchmark(Description = "c^T Jx")]
    public void StateVjp() => _system.Vjp(_x, _c, _fx);

    [Benchmark(Description = "cold solve + gradient")]
    public void SolveAndGradient()
    {
        _layer.SetState(_zero);
        _layer.Solve();
        _layer.Backpropagate(_c, default, _grad);
    }
}
