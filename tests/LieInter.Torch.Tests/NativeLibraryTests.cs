using System.Reflection;
using LieInter.Build;
using TorchSharp;

namespace LieInter.Torch.Tests;

/// <summary>The build's GLIBCXX fix (build/TorchSharpGlibcFix.targets) and libtorch loading on this machine.</summary>
public class NativeLibraryTests
{
    private const string Version = "GLIBCXX_3.4.32";

    private static string OutputCopy => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    private static string PackageCopy
    {
        get
        {
            string root = typeof(NativeLibraryTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
            string version = typeof(torch).Assembly.GetName().Version!.ToString(3);
            return Path.Combine(root, "torchsharp", version, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    [LinuxFact]
    public void BuildOutputCopyHasTheVersionNeedMarkedWeakAndThePackageCopyIsUntouched()
    {
        var output = ElfVersionNeedPatcher.ReadVersionNeeds(File.ReadAllBytes(OutputCopy), OutputCopy);
        var need = Assert.Single(output, n => n.Version == Version);
        Assert.Equal("libstdc++.so.6", need.File);
        Assert.True(need.IsWeak);

        var package = ElfVersionNeedPatcher.ReadVersionNeeds(File.ReadAllBytes(PackageCopy), PackageCopy);
        Assert.False(Assert.Single(package, n => n.Version == Version).IsWeak);

        // Exactly one byte (the flags of that entry) differs.
        var a = File.ReadAllBytes(OutputCopy);
        var b = File.ReadAllBytes(PackageCopy);
        Assert.Equal(a.Length, b.Length);
        Assert.Equal(1, a.Zip(b).Count(p => p.First != p.Second));
    }

    [Fact]
    public void LibtorchLoadsAndRunsSingleThreaded()
    {
        TorchRuntime.EnsureInitialized();
        Assert.Equal(1, torch.get_num_threads());
        using var t = torch.arange(1.0, 5.0, 1.0, dtype: torch.ScalarType.Float64);
        using var s = t.mul(t).sum();
        Assert.Equal(30.0, s.item<double>());
        Assert.Throws<InvalidOperationException>(() => TorchRuntime.EnsureInitialized(2));
    }
}
