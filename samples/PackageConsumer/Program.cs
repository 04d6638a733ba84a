using LieInter;
using LieInter.Equilibrium;
using PackageConsumer;

// The paper's motivating example, eq. (4), solved with the code the LieInter package generated for it, and checked
// against its closed form: x = tau, y = alpha tau / (1 - beta gamma), z = gamma y.
var model = new Motivating();
var system = new EquilibriumSystem(model);
var x = new double[system.Dimension];
var fx = new double[system.Dimension];
int iterations = 0;
double step = double.PositiveInfinity;
while (step > 1e-13 && iterations < 1000)
{
    system.Evaluate(x, fx);
    step = x.Zip(fx, (a, b) => Math.Abs(a - b)).Max();
    fx.CopyTo(x, 0);
    iterations++;
}

double y = model.Alpha * model.Tau / (1 - model.Beta * model.Gamma);
double[] expected = [model.Tau, y, model.Gamma * y];
double error = x.Zip(expected, (a, b) => Math.Abs(a - b)).Max();
Console.WriteLine($"equilibrium after {iterations} iterations: x = {x[0]:R}, y = {x[1]:R}, z = {x[2]:R}");
Console.WriteLine($"closed form: x = {expected[0]:R}, y = {expected[1]:R}, z = {expected[2]:R}; max error {error:E2}");

// The generated Jacobian row of y: dy/dx = alpha, dy/dz = beta.
var row = new double[system.Dimension];
system.JacobianRow(x, 1, row);
Console.WriteLine($"generated dy/dx = {row[0]:R}, dy/dz = {row[2]:R}");
Console.WriteLine($"graph: {string.Join("; ", system.Schema.Graph.Edges)}");

bool ok = error < 1e-12 && row[0] == model.Alpha && row[2] == model.Beta && row[1] == 0;
Console.WriteLine(ok ? "generated model agrees with the closed form" : "MISMATCH");
return ok ? 0 : 1;
