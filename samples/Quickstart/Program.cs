using LieInter;
using Quickstart;

// Equilibria computed through the generated code: iterate x <- f(x) with the generated residual until
// ||x - f(x)|| is below 1e-12, then show the generated Jacobian at the solution.
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
    var x = new double[system.Dimension];
    var fx = new double[system.Dimension];
    double residual = double.PositiveInfinity;
    int iterations = 0;
    while (residual > 1e-12 && iterations < 10_000)
    {
        system.Evaluate(x, fx);
        residual = Math.Sqrt(x.Zip(fx, (a, b) => (a - b) * (a - b)).Sum());
        fx.CopyTo(x, 0);
        iterations++;
    }

    Console.WriteLine($"{title}: {iterations} iterations, residual {residual:E1}");
    foreach (var node in system.Layout.Nodes)
    {
        Console.WriteLine($"  {node.Name} = [{string.Join(", ", x[node.Range].Select(v => v.ToString("G6")))}]");
    }

    var row = new double[system.Dimension];
    system.JacobianRow(x, system.Dimension - 1, row);
    Console.WriteLine($"  last row of df/dx: [{string.Join(", ", row.Select(v => v.ToString("G4")))}]");
    Console.WriteLine($"  graph: {string.Join("; ", system.Schema.Graph.Edges)}");
}
