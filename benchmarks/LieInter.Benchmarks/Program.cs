using System.Reflection;
using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/LieInter.Benchmarks -- ratios` prints the ratio tables measured in
// one run (quick harness); `-- peers [--rounds N] [--quick] [--cases NAME ...] [--write-markdown FILE]` runs the
// comparison with numpy/scipy (benchmarks/peers/peers.py) on the same numbers; any other arguments go to
// BenchmarkDotNet's switcher.
if (args.Length > 0 && args[0] == "peers")
{
    return LieInter.Benchmarks.Peers.PeerBenchmark.Run(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "ratios")
{
    LieInter.Benchmarks.RatioHarness.Run(args.Skip(1).ToArray());
    return 0;
}

BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
return 0;
