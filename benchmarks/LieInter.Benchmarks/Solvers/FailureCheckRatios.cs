using LieInter.Benchmarks.Generated;
using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Solvers;

namespace LieInter.Benchmarks.Solvers;

/// <summary>
/// What the failure work costs a healthy solve + gradient (dense Leontief, cold start, default policy): the shape
/// and input checks always run; the ratio is the default against the same solve without the error estimate
/// (ErrorAmplificationLimit = infinity). Target: at most 1.05 at every n (the estimate is lazy; an LU is made for
/// it only up to 32 unknowns). Measured 0.99 at n = 56, 411 and 1000.
/// </summary>
public static class FailureCheckRatios
{
    static FailureCheckRatios() => RatioHarness.Register("failure checks (dense Leontief)", Run);

    public static void Run(string[] args)
    {
        Console.WriteLine($"{"n",6} {"with estimate / without",24}   (with s, without s)");
        foreach (int n in new[] { 56, 411, 1000 })
        {
            var data = DenseLeontief.Random(n);
            var c = Enumerable.Range(0, n).Select(i => 1.0 + (i % 7)).ToArray();
            Action SolveAndGradient(EquilibriumSolverOptions options)
            {
                var layer = new DifferentiableEquilibrium(new EquilibriumSystem(new LieInter.Models.LeontiefQuantityModel(data.A, data.FinalDemand)), options);
                var grad = new double[n];
                return () =>
                {
                    layer.SetState(new double[n]);
                    layer.Solve();
                    Array.Clear(grad);
                    layer.Backpropagate(c, default, grad);
                };
            }

            var without = EquilibriumSolverOptions.Default with { Tolerances = SolverOptions.Default with { ErrorAmplificationLimit = double.PositiveInfinity } };
            var r = RatioHarness.Compare(SolveAndGradient(EquilibriumSolverOptions.Default), SolveAndGradient(without), targetSeconds: n >= 1000 ? 1.0 : 0.2, samples: 9);
            Console.WriteLine($"{n,6} {r.Ratio,24:F3}   ({r.CandidateSeconds:E2}, {r.BaselineSeconds:E2})");
        }
    }
}
