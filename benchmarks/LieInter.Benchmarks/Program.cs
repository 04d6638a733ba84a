using System.Reflection;
using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/LieInter.Benchmarks -- ratios` prints the ratio tables measured in
// one run (quick harness); any other arguments go to BenchmarkDotNet's switcher.
if (args.Length > 0 && args[0] == "ratios")
{
    LieInter.Benchmarks.RatioHarness.Run(args.Skip(1).ToArray());
    return;
}

BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
