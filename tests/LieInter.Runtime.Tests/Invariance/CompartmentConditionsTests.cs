using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.LinearAlgebra;
using LieInter.Modeling;
using LieInter.Models;
using LieInter.Solvers;
using MathNet.Numerics.LinearAlgebra;

namespace LieInter.Tests.Invariance;

// Fig. 2a in four scalar nodes: compartments {A1, A2} and {B1, B2}, arrows A2 -> B1 and B2 -> A1 between them. Each
// variant below breaks one hypothesis of Prop. 4 (this project runs the generator but not the analyzers, so LIE0204
// does not stop them from compiling).

/// <summary>A2 carries the arrow into the second compartment but only B2 is made invariant.</summary>
[LieIntervention("U", typeof(Multiplicative), nameof(A1))]
[LieIntervention("V", typeof(Multiplicative), nameof(B1))]
[InvariantIntervention("V", nameof(B2), nameof(B2))]
[Compartment("First", nameof(A1), nameof(A2))]
[Compartment("Second", nameof(B1), nameof(B2))]
[Solvability(SolvabilityKind.Contraction, Bound = 0.99)]
public partial class LeakyBoundary
{
    [Parameter] public double Demand = 1.0;
    [Node] public double A1, A2, B1, B2;
    [Assignment(nameof(A1))] double FA1() => Demand + 0.1 * A2 + 0.1 * B2;
    [Assignment(nameof(A2))] double FA2() => 0.5 * A1;
    [Assignment(nameof(B1))] double FB1() => Demand + 0.1 * B2 + 0.1 * A2;
    [Assignment(nameof(B2))] double FB2() => 0.5 * B1;
}

/// <summary>U keeps A2 invariant by leveraging B2, a node of the other compartment.</summary>
[LieIntervention("U", typeof(Multiplicative), nameof(A1))]
[LieIntervention("V", typeof(Multiplicative), nameof(B1))]
[InvariantIntervention("U", nameof(A2), nameof(B2))]
[InvariantIntervention("V", nameof(B2), nameof(B2))]
[Compartment("First", nameof(A1), nameof(A2))]
[Compartment("Second", nameof(B1), nameof(B2))]
[Solvability(SolvabilityKind.Contraction, Bound = 0.99)]
public partial class ForeignAuxiliary
{
    [Parameter] public double Demand = 1.0;
    [Node] public double A1, A2, B1, B2;
    [Assignment(nameof(A1))] double FA1() => Demand + 0.1 * A2 + 0.1 * B2;
    [Assignment(nameof(A2))] double FA2() => 0.5 * A1;
    [Assignment(nameof(B1))] double FB1() => Demand + 0.1 * B2 + 0.1 * A2;
    [Assignment(nameof(B2))] double FB2() => 0.5 * B1;
}

/// <summary>Compartments that overlap and leave a node out; a third intervention on a parameter read in both.</summary>
[LieIntervention("U", typeof(Multiplicative), nameof(A1))]
[LieIntervention("V", typeof(Multiplicative), nameof(B1))]
[LieIntervention("Everywhere", typeof(Multiplicative), nameof(Demand))]
[InvariantIntervention("U", nameof(A2), nameof(A2))]
[InvariantIntervention("V", nameof(B2), nameof(B2))]
[Compartment("First", nameof(A1), nameof(A2))]
[Compartment("Second", nameof(A2), nameof(B1))]
[Solvability(SolvabilityKind.Contraction, Bound = 0.99)]
public partial class BadPartition
{
    [Parameter] public double Demand = 1.0;
    [Node] public double A1, A2, B1, B2;
    [Assignment(nameof(A1))] double FA1() => Demand + 0.1 * A2 + 0.1 * B2;
    [Assignment(nameof(A2))] double FA2() => 0.5 * A1;
    [Assignment(nameof(B1))] double FB1() => Demand + 0.1 * B2 + 0.1 * A2;
    [Assignment(nameof(B2))] double FB2() => 0.5 * B1;
}

/// <summary>The intervened node A1 itself sends an arrow into compartment Two; U holds B1 instead.</summary>
[LieIntervention("U", typeof(Multiplicative), nameof(A1))]
[LieIntervention("V", typeof(Multiplicative), nameof(A2))]
[InvariantIntervention("U", nameof(B1), nameof(B1))]
[InvariantIntervention("V", nameof(B2), nameof(B2))]
[Compartment("One", nameof(A1), nameof(B1))]
[Compartment("Two", nameof(A2), nameof(B2))]
[Solvability(SolvabilityKind.SpectralRadius)]
public partial class LeakyIntervenedNode
{
    [Parameter] public double D = 1;
    [Node] public double A1, B1, A2, B2;

    [Assignment(nameof(A1))] double AssignA1() => 0.3 * B1 + D;
    [Assignment(nameof(B1))] double AssignB1() => 0.2 * A1 + 0.1 * B2;
    [Assignment(nameof(A2))] double AssignA2() => 0.3 * B2 + 0.2 * A1 + D;
    [Assignment(nameof(B2))] double AssignB2() => 0.2 * A2 + 0.1 * B1;
}

/// <summary>Prop. 4 at run time: the structural report on the compartment model and on models that break it, and the
/// cross-compartment sensitivity measurement (tangents against central differences).</summary>
public class CompartmentConditionsTests
{
    [Fact]
    public void CompartmentModelMeetsEveryStructuralHypothesisOfProposition4()
    {
        var report = CompartmentConditions.Check(CompartmentModel.Reference());
        Assert.True(report.AllHold, report.ToString());
        Assert.Equal(["Region1", "Region2"], report.Compartments.Select(c => c.Name));
        Assert.Equal(
            new[] { ("Trader1", "Trader2"), ("Trader2", "Trader1") },
            report.CrossArrows.Select(a => (a.Parent, a.Child)).Order());
        Assert.All(report.BoundaryNodes, b => Assert.True(b.IsInvariant, b.Reason));
        Assert.Equal("U", report.BoundaryNodes.Single(b => b.Node == "Trader1").InvariantUnder);
        Assert.Equal("V", report.BoundaryNodes.Single(b => b.Node == "Trader2").InvariantUnder);
        var u = report.Interventions.Single(p => p.Intervention == CompartmentModel.U);
        Assert.Equal(["Target1"], u.IntervenedNodes);
        Assert.Equal("Region1", u.Compartment);
        Assert.Equal("Region2", report.Interventions.Single(p => p.Intervention == CompartmentModel.V).Compartment);
    }

    [Fact]
    public void BoundaryNodeThatIsNotInvariantIsReportedByName()
    {
        var report = CompartmentConditions.Check(new LeakyBoundary());
        Assert.False(report.AllHold);
        var leak = report.BoundaryNodes.Single(b => b.Node == "A2");
        Assert.False(leak.IsInvariant);
        Assert.Equal("First", leak.Compartment);
        Assert.Equal(["B1"], leak.Children);
        Assert.True(report.BoundaryNodes.Single(b => b.Node == "B2").IsInvariant);

        var failed = report.Failed.ToList();
        var boundary = Assert.Single(failed, c => c.Name == "boundary node 'A2' invariant");
        Assert.Contains("node 'A2' of compartment 'First' has arrows into B1 of 'Second' but is not the invariant node of an invariant intervention of 'First'", boundary.Description);
        Assert.Contains(failed, c => c.Name == "'U' invariant" && c.Description.Contains("'U' has no [InvariantIntervention]"));
        Assert.Contains(failed, c => c.Name == "compartment 'First' has one invariant intervention" && c.Description.Contains("has 0 invariant interventions"));
        Assert.Equal(3, failed.Count);
    }

    [Fact]
    public void IntervenedNodeWithAnArrowOutIsTheOnlyFailure()
    {
        // Every other hypothesis holds (one invariant intervention per compartment, all inside it; B1 and B2 are
        // invariant boundary nodes), so the report must single out A1 -> A2.
        var report = CompartmentConditions.Check(new LeakyIntervenedNode());
        var failed = Assert.Single(report.Failed);
        Assert.Equal("boundary node 'A1' invariant", failed.Name);
        Assert.Contains("node 'A1' of compartment 'One' has arrows into A2 of 'Two' but is not the invariant node", failed.Description);
        Assert.Equal(["A1", "B1", "B2"], report.BoundaryNodes.Select(b => b.Node).Order());
    }

    [Fact]
    public void AuxiliaryNodeInAnotherCompartmentIsReported()
    {
        var report = CompartmentConditions.Check(new ForeignAuxiliary());
        var u = report.Interventions.Single(p => p.Intervention == "U");
        Assert.False(u.InOneCompartment);
        Assert.Null(u.Compartment);
        var failed = Assert.Single(report.Failed, c => c.Name == "'U' in one compartment");
        Assert.Contains("A1 in First", failed.Description);
        Assert.Contains("B2 in Second", failed.Description);

        // U is then not an intervention of First, so nothing of First holds A2 in place.
        Assert.Contains(report.Failed, c => c.Name == "boundary node 'A2' invariant");
        Assert.Contains(report.Failed, c => c.Name == "compartment 'First' has one invariant intervention");
    }

    [Fact]
    public void OverlappingCompartmentsNodesLeftOutAndParameterInterventionsAcrossCompartmentsAreReported()
    {
        var report = CompartmentConditions.Check(new BadPartition());
        var partition = Assert.Single(report.Failed, c => c.Name == "compartments partition the nodes");
        Assert.Contains("node 'A2' is in two compartments, 'First' and 'Second'", partition.Description);
        Assert.Contains("node 'B2' is in no compartment", partition.Description);

        // A Lie intervention on a parameter acts on every node that reads it: here A1 and B1, two compartments.
        var everywhere = report.Interventions.Single(p => p.Intervention == "Everywhere");
        Assert.Equal(["A1", "B1"], everywhere.IntervenedNodes.Order());
        Assert.False(everywhere.InOneCompartment);
        Assert.Contains(report.Failed, c => c.Name == "'Everywhere' in one compartment");
        Assert.Contains(report.Failed, c => c.Name == "'Everywhere' invariant");
    }

    [Fact]
    public void ModelRefusesCoefficientsOutsideItsArrowsAndItsStateFollowsTheSectorIndices()
    {
        var a = (double[,])CompartmentModel.Reference().A.Clone();
        a[CompartmentModel.T1, CompartmentModel.T2] = 0.1; // region 2's target buying from region 1's: not an arrow
        var e = Assert.Throws<ArgumentException>(() => CompartmentModel.Create(a, new double[6]));
        Assert.Contains("A[0, 3]", e.Message);

        var layout = ((IEquilibriumModel)CompartmentModel.Reference()).GetLayout();
        Assert.Equal(CompartmentModel.T1, layout.Node(nameof(CompartmentModel.Target1)).Offset);
        Assert.Equal(CompartmentModel.S1, layout.Node(nameof(CompartmentModel.Supplier1)).Offset);
        Assert.Equal(CompartmentModel.R1, layout.Node(nameof(CompartmentModel.Trader1)).Offset);
        Assert.Equal(CompartmentModel.T2, layout.Node(nameof(CompartmentModel.Target2)).Offset);
        Assert.Equal(CompartmentModel.S2, layout.Node(nameof(CompartmentModel.Supplier2)).Offset);
        Assert.Equal(CompartmentModel.R2, layout.Node(nameof(CompartmentModel.Trader2)).Offset);

        // The doc comment's claim: productive (column sums at most 0.7, spectral radius 0.533).
        var reference = CompartmentModel.Reference().A;
        double rho = SpectralRadius.ByEigenvalues(Flatten(reference), 6);
        Assert.InRange(rho, 0.5325, 0.5326);
        Assert.True(Enumerable.Range(0, 6).Max(j => Enumerable.Range(0, 6).Sum(i => reference[i, j])) <= 0.7 + 1e-15);
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(1.2, 0.8)]
    public void GeneratedModelSolvesTheLeontiefSystem(double alpha, double beta)
    {
        var model = CompartmentModel.Reference();
        var system = new EquilibriumSystem(model);
        system.InterventionCoordinates(CompartmentModel.U)[0] = Math.Log(alpha);
        system.InterventionCoordinates(CompartmentModel.V)[0] = Math.Log(beta);
        var layer = new DifferentiableEquilibrium(system);
        layer.Solve();
        var expected = ClosedForm(model, alpha, beta);
        for (int i = 0; i < 6; i++)
        {
            Assert.True(Math.Abs(layer.State[i] - expected[i]) <= 1e-10 * expected[i], $"x[{i}] = {layer.State[i]:R}, closed form {expected[i]:R}");
        }
    }

    [Fact]
    public void PlainLieInterventionsLeakAndTangentsAgreeWithCentralDifferences()
    {
        var system = new EquilibriumSystem(CompartmentModel.Reference());
        system.InterventionCoordinates(CompartmentModel.U)[0] = Math.Log(1.1);
        var start = system.ReadState();
        var tangent = CompartmentConditions.MeasureCrossSensitivity(system, start);
        var differences = CompartmentConditions.MeasureCrossSensitivity(system, start, method: SensitivityMethod.CentralDifference, step: 1e-4);
        Assert.Equal(Math.Log(1.1), system.Coordinates[0], 15); // coordinates restored after the differences

        foreach (var name in new[] { CompartmentModel.U, CompartmentModel.V })
        {
            var t = tangent[name];
            var d = differences[name];

            // Without invariance the effect crosses: several percent of the own-compartment effect.
            Assert.InRange(t.Ratio, 0.05, 0.5);
            Assert.Equal(t.OwnNode, d.OwnNode);
            Assert.Equal(t.CrossNode, d.CrossNode);

            // Linear in the state, so the only difference error is second order in the step: 1e-8 of the value.
            Assert.True(Math.Abs(t.OwnMax - d.OwnMax) <= 1e-7 * t.OwnMax, $"{name}: own {t.OwnMax:R} vs {d.OwnMax:R}");
            Assert.True(Math.Abs(t.CrossMax - d.CrossMax) <= 1e-7 * t.OwnMax, $"{name}: cross {t.CrossMax:R} vs {d.CrossMax:R}");
        }

        Assert.Equal("Target1", tangent[CompartmentModel.U].OwnNode);
        Assert.Equal("Target2", tangent[CompartmentModel.V].OwnNode);

        // Against the closed form: dx/du = (x(1.1 e^h) - x(1.1 e^-h)) / 2h by linear solves, no generated code.
        var model = CompartmentModel.Reference();
        const double h = 1e-5;
        var plus = ClosedForm(model, 1.1 * Math.Exp(h), 1);
        var minus = ClosedForm(model, 1.1 * Math.Exp(-h), 1);
        double own = Math.Abs((plus[CompartmentModel.T1] - minus[CompartmentModel.T1]) / (2 * h));
        Assert.True(Math.Abs(own - tangent[CompartmentModel.U].OwnMax) <= 1e-6 * own, $"dTarget1/du {tangent[CompartmentModel.U].OwnMax:R}, closed form {own:R}");
    }

    [Fact]
    public void HoldingBothTradersConfinesEachInterventionToItsCompartment()
    {
        // The ideal compartmentalized intervention: each trader held at its reference value (a constant override).
        var reference = new DifferentiableEquilibrium(new EquilibriumSystem(CompartmentModel.Reference()));
        reference.Solve();
        var x0 = reference.State.ToArray();
        var system = new EquilibriumSystem(CompartmentModel.Reference());
        system.Override(nameof(CompartmentModel.Trader1), Constant(x0[CompartmentModel.R1]));
        system.Override(nameof(CompartmentModel.Trader2), Constant(x0[CompartmentModel.R2]));
        system.InterventionCoordinates(CompartmentModel.U)[0] = Math.Log(0.8);
        system.InterventionCoordinates(CompartmentModel.V)[0] = Math.Log(1.2);
        var tight = new EquilibriumSolverOptions { Tolerances = new SolverOptions { AbsoluteTolerance = 1e-14, RelativeTolerance = 1e-14 } };

        // Tangents: the held traders cut every path between the compartments, so the cross part is rounding. Central
        // differences carry the solves' error divided by the step (1e-14 / 1e-5), hence the looser bound.
        foreach (var (method, bound) in new[] { (SensitivityMethod.Tangent, 1e-12), (SensitivityMethod.CentralDifference, 1e-8) })
        {
            var report = CompartmentConditions.MeasureCrossSensitivity(system, x0, method: method, options: tight);
            Assert.Equal(2, report.Interventions.Count);
            Assert.True(report.MaxRatio <= bound, $"{method}: {report}");
            Assert.All(report.Interventions, s => Assert.True(s.OwnMax > 0.5, s.ToString()));
        }
    }

    private static DelegateAssignmentOverride Constant(double value) => new(
        (_, v) => v[0] = value,
        (_, _, v, dv) =>
        {
            v[0] = value;
            dv[0] = 0;
        },
        (_, _, wParents) => wParents.Clear());

    /// <summary>x = D (A x + y), D = diag(alpha, 1, 1, beta, 1, 1), by one dense solve.</summary>
    private static double[] ClosedForm(CompartmentModel model, double alpha, double beta)
    {
        var d = Matrix<double>.Build.DenseOfDiagonalArray([alpha, 1, 1, beta, 1, 1]);
        var m = Matrix<double>.Build.DenseIdentity(6) - d * Matrix<double>.Build.DenseOfArray(model.A);
        return m.Solve(d * Vector<double>.Build.DenseOfArray(model.FinalDemand)).ToArray();
    }

    private static double[] Flatten(double[,] a) => Enumerable.Range(0, a.Length).Select(k => a[k / a.GetLength(1), k % a.GetLength(1)]).ToArray();
}
