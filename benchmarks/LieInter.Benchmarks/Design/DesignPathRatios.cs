using System.Diagnostics;
using System.Globalization;
using LieInter.Economics;
using LieInter.Optimization;

namespace LieInter.Benchmarks.Design;

/// <summary>
/// The main job's design, both methods in one run, one country-year after another on one thread: the exact-L1 trust
/// region (the job's default) against L-BFGS-B on the smoothed L1 term with continuation (the job before it), on the
/// default two-sided box [0.2, 5] and on the old job's box [0.2, 1]. Prints wall time, solves, convergence and the
/// largest objective difference (exact minus L-BFGS, negative: the exact method is lower). Target: the exact method's
/// total wall time at most a third of the old job's.
/// </summary>
public static class DesignPathRatios
{
    static DesignPathRatios() => RatioHarness.Register("design path (main job, WIOD 8 country-years)", Run);

    public static void Run(string[] args)
    {
        string root = DataRoot.Resolve();
        var countries = new[] { "FRA", "DEU" };
        var years = new[] { 2000, 2005, 2010, 2014 };
        foreach (double maxMultiplier in new[] { GhgEmploymentOptions.DefaultMaxMultiplier, 1.0 })
        {
            Console.WriteLine($"box [{GhgEmploymentOptions.DefaultMinMultiplier}, {maxMultiplier}]");
            Console.WriteLine($"{"table",10} {"exact s",9} {"solves",7} {"conv",5} {"L-BFGS s",9} {"solves",7} {"conv",5} {"max(exact - L-BFGS)",20}");
            double exactTotal = 0, oldTotal = 0;
            foreach (string country in countries)
            {
                var wiod = WiodDerivedCountry.Load(Path.Combine(root, "wiod2016", "derived"), country);
                foreach (int year in years)
                {
                    var data = wiod.Table(year).ToProblemData("CO2", "EMP");
                    var exactOptions = new GhgEmploymentOptions { MaxMultiplier = maxMultiplier };
                    var oldOptions = exactOptions with { Method = DesignMethod.SmoothedLbfgs };
                    var (exact, te) = Sweep(data, exactOptions);
                    var (old, to) = Sweep(data, oldOptions);
                    exactTotal += te;
                    oldTotal += to;
                    double worst = exact.Zip(old, (p, q) => p.Objective - q.Objective).Max();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{country + " " + year,10} {te,9:F2} {exact.Sum(p => p.Evaluations),7} {exact.Count(p => p.Converged),2}/{exact.Count,-2} {to,9:F2} {old.Sum(p => p.Evaluations),7} {old.Count(p => p.Converged),2}/{old.Count,-2} {worst,20:E2}"));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total: exact {exactTotal:F1} s, L-BFGS {oldTotal:F1} s, exact / L-BFGS = {exactTotal / oldTotal:F3} (target <= 0.333)"));
            Console.WriteLine();
        }
    }

    private static (IReadOnlyList<TradeOffPoint> Points, double Seconds) Sweep(LeontiefProblemData data, GhgEmploymentOptions options)
    {
        var clock = Stopwatch.StartNew();
        var (points, _) = new GhgEmploymentDesign(data, options).Sweep();
        return (points, clock.Elapsed.TotalSeconds);
    }
}
