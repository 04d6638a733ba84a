using System.Diagnostics;
using System.Globalization;
using EquilibriumAccuracy;

// Fig. 3a of the paper on the shipped WIOD and USEEIO tables. Usage:
//   dotnet run -c Release --project samples/EquilibriumAccuracy -- [--output DIR] [--data DIR] [--budgets 20,200]
//       [--wiod-dims 5,10,...] [--useeio-dims 5,25,...] [--countries CAN,DEU,...] [--years 2000,...] [--methods k1,k2]
const string Usage = """
    EquilibriumAccuracy: Fig. 3a (relative error after a fixed iteration budget against model dimension).
      --output DIR       where to write fig3a.csv, fig3a_runs.csv and the PNG plots (default artifacts/fig3a)
      --data DIR         the real-data folder (default: LIEINTER_DATA, else the repository's data/)
      --budgets LIST     iteration budgets (default 20,200)
      --wiod-dims LIST   leading-block sizes of the WIOD tables (default 5,10,20,30,40,56; 'none' to skip)
      --useeio-dims LIST leading-block sizes of USEEIO v2.0.1 (default 5,25,50,100,200,300,411; 'none' to skip)
      --countries LIST   WIOD countries (default CAN,DEU,FRA,GBR,USA)
      --years LIST       WIOD years (default all, 2000-2014)
      --blocks KIND      leading blocks: 'reference' (A[:k,:k] and y[:k], as the paper's script; default) or
                         'output-preserving' (deliveries to dropped sectors move into final demand)
      --methods LIST     methods to run (default all): 
    """;

try
{
    var (settings, output) = ParseArguments(args);
    if (settings is null)
    {
        Console.WriteLine(Usage + string.Join(", ", Fig3aExperiment.Methods.Select(m => m.Key)));
        return 0;
    }

    var clock = Stopwatch.StartNew();
    var result = Fig3aExperiment.Run(settings, Console.Out);
    var files = Fig3aOutput.WriteAll(result, output);
    Console.WriteLine();
    Console.Write(Fig3aOutput.SummaryTable(result.Summary));
    var blownUp = result.Runs.Where(r => !double.IsFinite(r.RelativeError)).ToList();
    if (blownUp.Count > 0)
    {
        Console.WriteLine($"{blownUp.Count} run(s) ended with a non-finite residual (kept in the CSVs as NaN/inf):");
        foreach (var g in blownUp.GroupBy(r => (r.Dataset, r.Method, r.Budget)))
        {
            Console.WriteLine($"  {g.Key.Dataset} {g.Key.Method} budget {g.Key.Budget}: {g.Count()} run(s), dimensions {string.Join(", ", g.Select(r => r.Dimension).Distinct())}");
        }
    }

    var policyPaths = result.Runs.Where(r => r.Method == "default-policy").GroupBy(r => r.Solver).Select(g => $"{g.Key} x{g.Count()}");
    Console.WriteLine($"Default policy paths: {string.Join("; ", policyPaths)}");
    Console.WriteLine($"Wrote {string.Join(", ", files.Select(Path.GetFileName))} to {Path.GetFullPath(output)}");
    Console.WriteLine($"Total {clock.Elapsed.TotalSeconds:F1} s (loading {result.LoadTime.TotalSeconds:F1} s, solving {result.SolveTime.TotalSeconds:F1} s).");
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

static (Fig3aSettings? Settings, string Output) ParseArguments(string[] args)
{
    var settings = new Fig3aSettings();
    string output = Path.Combine("artifacts", "fig3a");
    for (int i = 0; i < args.Length; i++)
    {
        string name = args[i];
        if (name is "-h" or "--help")
        {
            return (null, output);
        }

        if (i + 1 >= args.Length)
        {
            throw new ArgumentException($"option '{name}' needs a value.");
        }

        string value = args[++i];
        settings = name switch
        {
            "--data" => settings with { DataRoot = value },
            "--blocks" => settings with
            {
                Blocks = value switch
                {
                    "reference" => Fig3aBlocks.Reference,
                    "output-preserving" => Fig3aBlocks.OutputPreserving,
                    _ => throw new ArgumentException($"--blocks takes 'reference' or 'output-preserving', not '{value}'."),
                },
            },
            "--budgets" => settings with { Budgets = Integers(name, value) },
            "--wiod-dims" => settings with { WiodDimensions = Integers(name, value) },
            "--useeio-dims" => settings with { UseeioDimensions = Integers(name, value) },
            "--countries" => settings with { WiodCountries = Strings(value) },
            "--years" => settings with { WiodYears = Integers(name, value) },
            "--methods" => settings with { Methods = Strings(value) },
            "--output" => settings,
            _ => throw new ArgumentException($"unknown option '{name}'. Run with --help for the options."),
        };
        if (name == "--output")
        {
            output = value;
        }
    }

    return (settings, output);
}

static IReadOnlyList<string> Strings(string value) =>
    value == "none" ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

static IReadOnlyList<int> Integers(string option, string value) => Strings(value)
    .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0
        ? v
        : throw new ArgumentException($"option '{option}': '{s}' is not a positive integer."))
    .ToList();
