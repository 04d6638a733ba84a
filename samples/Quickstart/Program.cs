using LieInter;
using LieInter.Differentiation;
using LieInter.Equilibrium;
using Quickstart;

// Equilibria computed through the generated code by the default solver policy (certified reports), then the
// generated Jacobian at the solution, the causal graph, and gradients by implicit differentiation.
Report("Motivating example, eq. (4)", new EquilibriumSystem(new Motivating()));

var leontief = new Leontief
{
    A = new double[,] { { 0.2, 0.1, 0.05 }, { 0.3, 0.1, 0.2 }, { 0.1, 0.25, 0.15 } },
    FinalDemand = [100, 50, 80],
    X = new double[3],
};
Report("Leontief x = A x + y (3 sectors)", new EquilibriumSystem(leontief));

var damped = new EquilibriumSystem(new Motivating());
damped.InterventionCoordinates("Damping")[0] = Math.Log(0.5); // u_y: halve y's assignment
damped.InterventionCoordinates("Damping")[1] = Math.Log(2.0); // u_z = 1 / u_y keeps z invariant (Sec. 3.3)
Report("Motivating example with u_z = 1 / u_y", damped);

static void Report(string title, EquilibriumSystem system)
{
    var equilibrium = new DifferentiableEquilibrium(system);
    var x = equilibrium.Solve().ToArray();
    Console.WriteLine($"{title}: {equilibrium.LastSolve}");
    foreach (var node in system.Layout.Nodes)
    {
        Console.WriteLine($"  {node.Name} = [{string.Join(", ", x[node.Range].Select(v => v.ToString("G6")))}]");
    }

    var row = new double[system.Dimension];
    system.JacobianRow(x, system.Dimension - 1, row);
    Console.WriteLine($"  last row of df/dx: [{string.Join(", ", row.Select(v => v.ToString("G4")))}]");
    Console.WriteLine($"  graph: {string.Join("; ", system.Schema.Graph.Edges)}");

    // d(last node)/d(parameters) by the adjoint.
    var g = new double[system.Dimension];
    g[^1] = 1;
    var gradTheta = new double[system.Layout.ParameterLength];
    equilibrium.Backpropagate(g, gradTheta, default);
    Console.WriteLine($"  d {system.Layout.NodeAt(system.Dimension - 1).Node}* / d theta: [{string.Join(", ", gradTheta.Take(8).Select(v => v.ToString("G4")))}{(gradTheta.Length > 8 ? ", ..." : "")}]");
    Console.WriteLine($"  {equilibrium.LocalSolvability()}");
}
