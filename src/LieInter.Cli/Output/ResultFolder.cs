using System.Text.Json;

namespace LieInter.Cli.Output;

/// <summary>
/// A command's output folder, written all at once or not at all. <see cref="Prepare"/> checks the folder before any
/// computation (so a read-only or misspelt <c>--output</c> fails in the first second, not after the run); the command
/// writes into a hidden staging folder beside it; <see cref="Commit"/> moves the finished folder into place, replacing
/// an earlier LieInter run there. A folder holding anything else is refused, so results are never mixed with other
/// files. Disposed without a commit (a failure, Ctrl-C), the staging folder is deleted and nothing appears.
/// </summary>
public sealed class ResultFolder : IDisposable
{
    /// <summary>Written last into every finished result folder: what ran, when, and which files belong to it.</summary>
    public const string MarkerFile = "lieinter-run.json";

    private readonly List<string> _files = new();
    private bool _committed;

    private ResultFolder(string path, string staging, string command)
    {
        Path = path;
        Staging = staging;
        Command = command;
    }

    /// <summary>The folder the results end up in.</summary>
    public string Path { get; }

    /// <summary>Where the command writes until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    public string Command { get; }

    /// <summary>Checks that <paramref name="output"/> can receive a run and creates the staging folder beside it.</summary>
    /// <exception cref="UsageException">The path is a file, holds files that are not a LieInter run, or is not writable.</exception>
    public static ResultFolder Prepare(string output, string command)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            throw new UsageException("--output is empty; name a folder for the results");
        }

        string full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(output));
        if (System.IO.File.Exists(full))
        {
            throw new UsageException($"--output {output} is a file, not a folder");
        }

        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !System.IO.File.Exists(System.IO.Path.Combine(full, MarkerFile)))
        {
            throw new UsageException($"--output {output} already holds files that are not a LieInter run; choose a new or empty folder, or delete them");
        }

        string parent = System.IO.Path.GetDirectoryName(full) ?? throw new UsageException($"--output {output} has no parent folder to stage the results in");
        RemoveAbandonedStaging(parent, System.IO.Path.GetFileName(full));
        string staging = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(full)}.partial-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            Directory.CreateDirectory(staging);
            System.IO.File.WriteAllText(System.IO.Path.Combine(staging, MarkerFile), string.Empty);
            if (Directory.Exists(full))
            {
                // Replacing an earlier run deletes its files: prove that is allowed before computing anything.
                string probe = System.IO.Path.Combine(full, $".lieinter-probe-{Environment.ProcessId}");
                System.IO.File.WriteAllText(probe, string.Empty);
                System.IO.File.Delete(probe);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new UsageException($"--output {output} is not writable: {e.Message}");
        }

        return new ResultFolder(full, staging, command);
    }

    /// <summary>The staging path of a result file; the file is listed in the marker.</summary>
    public string File(string name)
    {
        _files.Add(name);
        return System.IO.Path.Combine(Staging, name);
    }

    /// <summary>Lists files that a writer put into <see cref="Staging"/> itself.</summary>
    public void Adopt(IEnumerable<string> stagedPaths)
    {
        foreach (string path in stagedPaths)
        {
            _files.Add(System.IO.Path.GetRelativePath(Staging, path));
        }
    }

    /// <summary>Moves the finished results into place and returns the final paths of their files.</summary>
    public IReadOnlyList<string> Commit(IReadOnlyDictionary<string, object?>? summary = null)
    {
        var marker = new Dictionary<string, object?>
        {
            ["tool"] = "lieinter",
            ["version"] = LieInterTool.Version,
            ["command"] = Command,
            ["finished_utc"] = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["files"] = _files,
        };
        foreach (var (k, v) in summary ?? new Dictionary<string, object?>())
        {
            marker[k] = v;
        }

        System.IO.File.WriteAllText(System.IO.Path.Combine(Staging, MarkerFile), JsonSerializer.Serialize(marker, new JsonSerializerOptions { WriteIndented = true }));
        string? old = null;
        if (Directory.Exists(Path))
        {
            old = Staging.Replace(".partial-", ".replaced-", StringComparison.Ordinal);
            Directory.Move(Path, old);
        }

        Directory.Move(Staging, Path);
        _committed = true;
        if (old is not null)
        {
            TryDelete(old);
        }

        return _files.Select(f => System.IO.Path.Combine(Path, f)).ToList();
    }

    public void Dispose()
    {
        if (!_committed)
        {
            TryDelete(Staging);
        }
    }

    /// <summary>Staging folders of runs whose process is gone (killed, not cancelled) are deleted by the next run.</summary>
    private static void RemoveAbandonedStaging(string parent, string name)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }

        string prefix = $".{name}.partial-";
        foreach (string folder in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            string rest = System.IO.Path.GetFileName(folder)[prefix.Length..];
            int dash = rest.IndexOf('-');
            if (dash > 0 && int.TryParse(rest[..dash], out int pid) && !IsRunning(pid))
            {
                TryDelete(folder);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover hidden staging folder is never mistaken for a result (it has no marker content).
        }
    }
}
