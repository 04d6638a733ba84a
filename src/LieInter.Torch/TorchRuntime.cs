using System.Runtime.InteropServices;
using TorchSharp;

namespace LieInter.Torch;

/// <summary>
/// Loads libtorch once, with a fixed number of intra-op threads (one by default: the MLPs here are tiny and the
/// machines are shared), and turns a failed load into an exception that says what to do.
/// </summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static int _threads;

    /// <summary>True once libtorch has been loaded and configured.</summary>
    public static bool IsInitialized => Volatile.Read(ref _threads) > 0;

    /// <summary>Intra-op threads libtorch was configured with (0 before initialisation).</summary>
    public static int Threads => Volatile.Read(ref _threads);

    /// <summary>Loads libtorch and sets its thread counts. The first call decides the thread count; later calls with
    /// a different count throw, since libtorch fixes its inter-op pool at first use.</summary>
    public static void EnsureInitialized(int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        lock (Gate)
        {
            if (_threads > 0)
            {
                if (_threads != threads)
                {
                    throw new InvalidOperationException($"libtorch is already initialised with {_threads} thread(s); cannot switch to {threads}.");
                }

                return;
            }

            PreloadNativeLibrary();
            try
            {
                torch.set_num_threads(threads);
            }
            catch (TypeInitializationException e)
            {
                throw new InvalidOperationException(
                    "TorchSharp could not load libtorch. On Debian 12 and other systems with libstdc++ older than GCC 13 the build " +
                    "must patch libLibTorchSharp.so (build/TorchSharpGlibcFix.targets, imported by each project that uses " +
                    "LieInter.Torch); see docs/torch.md. TorchSharp said: " + (e.InnerException?.Message ?? e.Message), e);
            }

            try
            {
                torch.set_num_interop_threads(threads);
            }
            catch (Exception e) when (e is not TypeInitializationException)
            {
                // libtorch refuses once inter-op work has started (someone used torch before us); the intra-op
                // count above is the one that matters for these small models.
            }

            Volatile.Write(ref _threads, threads);
        }
    }

    /// <summary>Seeds libtorch's global generator (for code that draws random tensors through torch).
    /// <see cref="MlpAssignment"/> initialises its weights from its own seed and does not depend on this.</summary>
    public static void Seed(long seed)
    {
        EnsureInitialized(Math.Max(1, Threads));
        torch.manual_seed(seed);
    }

    /// <summary>Loads libLibTorchSharp.so from where the build put it before TorchSharp tries: TorchSharp's fallback
    /// on a failed load copies the whole libtorch (about 500 MB) next to the application and then fails anyway,
    /// without the loader's reason. Loading it here first gives that reason and skips the copy.</summary>
    private static void PreloadNativeLibrary()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
        ];
        foreach (var path in candidates)
        {
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                NativeLibrary.Load(path);
                return;
            }
            catch (DllNotFoundException e)
            {
                throw new InvalidOperationException(
                    $"Cannot load '{path}': {e.Message} If the message names GLIBCXX_3.4.32, the build did not patch this copy: " +
                    "import build/TorchSharpGlibcFix.targets in the project that produced this output (docs/torch.md).", e);
            }
        }
    }
}
