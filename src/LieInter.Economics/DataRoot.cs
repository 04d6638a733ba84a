namespace LieInter.Economics;

/// <summary>
/// Finds the real-data folder: the <c>LIEINTER_DATA</c> environment variable when set, else the repository's own
/// <c>data/</c> folder, searched upwards from the current directory and from the application's base directory (an
/// installed tool carries its copy in <c>data/</c> beside its assemblies).
/// </summary>
public static class DataRoot
{
    public const string EnvironmentVariable = "LIEINTER_DATA";

    /// <summary>The file that marks a folder as a LieInter data root (it lists every table with its provenance).</summary>
    public const string MarkerFile = "README.md";

    /// <summary>The data root; an <see cref="InputOutputDataException"/> that says where it looked when there is none.</summary>
    public static string Resolve() =>
        Resolve(Environment.GetEnvironmentVariable(EnvironmentVariable), DefaultStartFolders());

    internal static string Resolve(string? env, IEnumerable<string> startFolders)
    {
        if (TryResolve(env, startFolders, out string? path, out var looked))
        {
            return path!;
        }

        string hint = string.IsNullOrWhiteSpace(env)
            ? $"run from inside the repository (it ships the tables in data/), pass --data DIR, or set {EnvironmentVariable}"
            : $"{EnvironmentVariable} points to a folder that does not exist; fix or unset it";
        throw new InputOutputDataException($"the data folder was not found: {hint}. Looked in: {string.Join("; ", looked)}.");
    }

    public static bool TryResolve(out string? path, out IReadOnlyList<string> looked) =>
        TryResolve(Environment.GetEnvironmentVariable(EnvironmentVariable), DefaultStartFolders(), out path, out looked);

    private static string[] DefaultStartFolders() => [Directory.GetCurrentDirectory(), AppContext.BaseDirectory];

    /// <summary>The search itself, with the environment value and the start folders given (testable without touching the process environment).</summary>
    internal static bool TryResolve(string? env, IEnumerable<string> startFolders, out string? path, out IReadOnlyList<string> looked)
    {
        var tried = new List<string>();
        looked = tried;
        if (!string.IsNullOrWhiteSpace(env))
        {
            string full = Path.GetFullPath(env);
            tried.Add($"{EnvironmentVariable}={full}");
            // An explicit setting that points nowhere is an error, not a reason to guess.
            path = Directory.Exists(full) ? full : null;
            return path is not null;
        }

        foreach (string start in startFolders)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data");
                if (tried.Contains(candidate))
                {
                    break; // the rest of this walk was covered by an earlier start folder
                }

                tried.Add(candidate);
                if (File.Exists(Path.Combine(candidate, MarkerFile)) && Directory.Exists(Path.Combine(candidate, "wiod2016")))
                {
                    path = candidate;
                    return true;
                }
            }
        }

        path = null;
        return false;
    }

    /// <summary>A path below the data root, e.g. <c>DataRoot.Combine("wiod2016", "derived")</c>.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Resolve(), .. parts]);
}
