using System.Diagnostics;

namespace LieInter.Benchmarks;

/// <summary>Measures several timings in one process and prints their ratios, so targets stated as ratios are
/// checked on the same machine in the same run. Each suite registers itself in <see cref="Suites"/>.</summary>
public static class RatioHarness
{
    private static readonly List<(string Name, Action<string[]> Run)> Suites = new();

    public static void Register(string name, Action<string[]> run) => Suites.Add((name, run));

    public static void Run(string[] args)
    {
        foreach (var t in typeof(RatioHarness).Assembly.GetTypes())
        {
            System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(t.TypeHandle);
        }

        foreach (var (name, run) in Suites.OrderBy(s => s.Name))
        {
            if (args.Length > 0 && !args.Any(a => name.Contains(a, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            Console.WriteLine($"== {name} ==");
            run(args);
            Console.WriteLine();
        }
    }

    /// <summary>Median over interleaved samples of time(<paramref name="candidate"/>) / time(<paramref name="baseline"/>):
    /// alternating the two inside each sample cancels drift from other load on the machine.</summary>
    public static (double Ratio, double CandidateSeconds, double BaselineSeconds) Compare(Action candidate, Action baseline, double targetSeconds = 0.04, int samples = 15)
    {
        double c = Time(candidate, targetSeconds / 4, 3);
        double b = Time(baseline, targetSeconds / 4, 3);
        int nc = Math.Max(1, (int)(targetSeconds / Math.Max(c, 1e-9)));
        int nb = Math.Max(1, (int)(targetSeconds / Math.Max(b, 1e-9)));
        var ratios = new double[samples];
        var cs = new double[samples];
        var bs = new double[samples];
        var sw = new Stopwatch();
        for (int s = 0; s < samples; s++)
        {
            sw.Restart();
            for (int i = 0; i < nc; i++)
            {
                candidate();
            }

            cs[s] = sw.Elapsed.TotalSeconds / nc;
            sw.Restart();
            for (int i = 0; i < nb; i++)
            {
                baseline();
            }

            bs[s] = sw.Elapsed.TotalSeconds / nb;
            ratios[s] = cs[s] / bs[s];
        }

        Array.Sort(ratios);
        Array.Sort(cs);
        Array.Sort(bs);
        return (ratios[samples / 2], cs[samples / 2], bs[samples / 2]);
    }

    /// <summary>Median seconds per call of <paramref name="action"/>, after warm-up, with enough repetitions to fill
    /// about <paramref name="targetSeconds"/> per sample.</summary>
    public static double Time(Action action, double targetSeconds = 0.05, int samples = 9)
    {
        action();
        var sw = Stopwatch.StartNew();
        int reps = 0;
        while (sw.Elapsed.TotalSeconds < targetSeconds / 4 || reps < 1)
        {
            action();
            reps++;
        }

        double perCall = sw.Elapsed.TotalSeconds / reps;
        int n = Math.Max(1, (int)(targetSeconds / Math.Max(perCall, 1e-9)));
        var times = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            sw.Restart();
            for (int i = 0; i < n; i++)
            {
                action();
            }

            times[s] = sw.Elapsed.TotalSeconds / n;
        }

        Array.Sort(times);
        return times[samples / 2];
    }
}
