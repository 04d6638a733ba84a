using LieInter;
using Quickstart;

var m = new Motivating();
IEquilibriumModel model = m;
var x = new double[3];
var fx = new double[3];
for (int k = 0; k < 200; k++) { model.Evaluate(x, default, fx); fx.CopyTo(x, 0); }
Console.WriteLine($"Motivating: x = {x[0]}, y = {x[1]}, z = {x[2]}");
