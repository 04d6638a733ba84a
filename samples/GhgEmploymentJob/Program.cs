using System.CommandLine;
using LieInter.Samples.GhgEmployment;
using Spectre.Console;

var dataset = new Option<string>("--dataset") { Description = "wiod (national tables, 2000-2014) or useeio (USEEIO v2.0.1, US 2012)", DefaultValueFactory = _ => "wiod" };
var countries = new Option<string[]>("--countries") { Description = "WIOD countries (ISO3: DEU, FRA, GBR, USA, CAN)", DefaultValueFactory = _ => ["FRA", "DEU"], AllowMultipleArgumentsPerToken = true };
var years = new Option<int[]>("--years") { Description = "WIOD years, 2000-2014", DefaultValueFactory = _ => [2000, 2005, 2010, 2014], AllowMultipleArgumentsPerToken = true };
var data = new Option<string?>("--data") { Description = "Data root (default: $LIEINTER_DATA, else the repository's data/)" };
var output = new Option<string>("--output") { Description = "Output directory", DefaultValueFactory = _ => Path.Combine("artifacts", "ghg-employment") };
var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
var lambdas = new Option<int>("--lambdas") { Description = "Number of lambda values on the path", DefaultValueFactory = _ => 16 };
var minMultiplier = new Option<double>("--min-multiplier") { Description = "Lower bound on each sector's demand multiplier alpha = e^u", DefaultValueFactory = _ => new JobOptions().MinMultiplier };
var maxMultiplier = new Option<double>("--max-multiplier") { Description = "Upper bound on each multiplier (1: demand may only be cut)", DefaultValueFactory = _ => new JobOptions().MaxMultiplier };

var root = new RootCommand("LieInter: design multiplicative interventions on national input-output tables that cut greenhouse-gas emissions while keeping employment (eq. 5 and Fig. 3b-c of Besserve and Schoelkopf, UAI 2022).")
{
    dataset, countries, years, data, output, format, lambdas, minMultiplier, maxMultiplier,
};
root.SetAction(parse =>
{
    var options = new JobOptions
    {
        Dataset = parse.GetValue(dataset)!,
        Countries = parse.GetValue(countries)!,
        Years = parse.GetValue(years)!,
        DataRoot = parse.GetValue(data),
        OutputDirectory = parse.GetValue(output)!,
        Format = parse.GetValue(format)!,
        LambdaCount = parse.GetValue(lambdas),
        MinMultiplier = parse.GetValue(minMultiplier),
        MaxMultiplier = parse.GetValue(maxMultiplier),
    };
    if (options.Format is not ("csv" or "json"))
    {
        Console.Error.WriteLine($"Unknown format '{options.Format}': use csv or json.");
        return 1;
    }

    try
    {
        return Job.Run(options, AnsiConsole.Console);
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or LieInter.Economics.InputOutputDataException or LieInter.Solvers.SolvabilityException)
    {
        // One line and an exit code for the command-line user; the exception type names the kind of failure.
        Console.Error.WriteLine($"ghg-employment: {e.Message}");
        return 2;
    }
});
return root.Parse(args).Invoke();
