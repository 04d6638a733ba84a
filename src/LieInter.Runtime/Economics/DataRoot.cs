namespace LieInter.Economics;

/// <summary>
/// Finds the real-data folder: the <c>LIEINTER_DATA</c> environment variable when set, else <c>shared/data</c> next
/// to (or inside) the repository root, searched upwards from the current directory and from the application's base
/// directory. Nothing is copied; loaders read from here.
/// </summary>
public static class DataRoot
{
    public const string EnvironmentVariable = "LIEINTER_DATA";

    /// <summary>The data root; an <see cref="InputOutputDataException"/> that says where it looked when there is none.</summary>
    public static string Resolve() =>
        Resolve(Environment.GetEnvironmentVariable(EnvironmentVariable), new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory });

    internal static string Resolve(string? env, IEnumerable<string> startFolders)
    {
        if (TryResolve(env, startFolders, out string? path, out var looked))
        {
            return path!;
        }

        throw new InputOutputDataException(
            $"the real-data folder was not found. Set {EnvironmentVariable} to the folder that holds wiod2016/, useeio/, eurostat_via_iotables/ and textbook/, "
            + $"or place it at ../shared/data beside the repository. Looked in: {string.Join("; ", looked)}.");
    }

    public static bool TryResolve(out string? path, out IReadOnlyList<string> looked) =>
        TryResolve(Environment.GetEnvironmentVariable(EnvironmentVariable), new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory }, out path, out looked);

    /// <summary>The search itself, with the environment value and the start folders given (testable without touching the process environment).</summary>
    internal static bool TryResolve(string? env, IEnumerable<string> startFolders, out string? path, out IReadOnlyList<string> looked)
    {
        var tried = new List<string>();
        looked = tried;
        if (!string.IsNullOrWhiteSpace(env))
        {
            string full = System.IO.Path.GetFullPath(env);
            tried.Add($"{EnvironmentVariable}={full}");
            if (Directory.Exists(full))
            {
                path = full;
                return true;
            }

            // An explicit setting that points nowhere is an error, not a reason to guess.
            path = null;
            return false;
        }

        foreach (string start in startFolders)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                bool isRepositoryRoot = File.Exists(System.IO.Path.Combine(dir.FullName, "LieInter.sln"))
                    || Directory.Exists(System.IO.Path.Combine(dir.FullName, ".git")) || File.Exists(System.IO.Path.Combine(dir.FullName, ".git"));
                if (!isRepositoryRoot)
                {
                    continue;
                }

                foreach (string candidate in new[] { System.IO.Path.Combine(dir.FullName, "..", "shared", "data"), System.IO.Path.Combine(dir.FullName, "shared", "data") })
                {
                    string full = System.IO.Path.GetFullPath(candidate);
                    tried.Add(full);
                    if (Directory.Exists(full))
                    {
                        path = full;
                        return true;
                    }
                }

                break;
            }
        }

        path = null;
        return false;
    }

    /// <summary>A path below the data root, e.g. <c>DataRoot.Combine("wiod2016", "derived")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine(new[] { Resolve() }.Concat(parts).ToArray());
}
