using System.Reflection;
using LieInter.Build;
using TorchSharp;

namespace LieInter.Torch.Tests;

/// <summary>The patcher on scratch copies of the package's libLibTorchSharp.so.</summary>
public sealed class ElfVersionNeedPatcherTests : IDisposable
{
    private const string Version = "GLIBCXX_3.4.32";
    private readonly string _directory = Directory.CreateTempSubdirectory("lieinter-elf-").FullName;

    private static string PackageCopy
    {
        get
        {
            string root = typeof(ElfVersionNeedPatcherTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
            string version = typeof(torch).Assembly.GetName().Version!.ToString(3);
            return Path.Combine(root, "torchsharp", version, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Scratch()
    {
        string path = Path.Combine(_directory, "libLibTorchSharp.so");
        File.Copy(PackageCopy, path, overwrite: true);
        return path;
    }

    [Fact]
    public void PatchesOnceThenLeavesTheFileAlone()
    {
        string path = Scratch();
        var original = File.ReadAllBytes(path);
        var stamp = File.GetLastWriteTimeUtc(path);
        Assert.Equal(ElfPatchOutcome.Patched, ElfVersionNeedPatcher.WeakenVersionNeeds(path, [Version]));
        var patched = File.ReadAllBytes(path);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
        Assert.True(ElfVersionNeedPatcher.ReadVersionNeeds(patched, path).Single(n => n.Version == Version).IsWeak);
        Assert.All(ElfVersionNeedPatcher.ReadVersionNeeds(patched, path).Where(n => n.Version != Version), n => Assert.False(n.IsWeak));
        Assert.Equal(1, original.Zip(patched).Count(p => p.First != p.Second));

        Assert.Equal(ElfPatchOutcome.AlreadyWeak, ElfVersionNeedPatcher.WeakenVersionNeeds(path, [Version]));
        Assert.Equal(patched, File.ReadAllBytes(path));
    }

    [Fact]
    public void AbsentVersionNeedLeavesTheFileUntouched()
    {
        string path = Scratch();
        var original = File.ReadAllBytes(path);
        Assert.Equal(ElfPatchOutcome.NotNeeded, ElfVersionNeedPatcher.WeakenVersionNeeds(path, ["GLIBCXX_9.9.99"]));
        Assert.Equal(original, File.ReadAllBytes(path));
    }

    [LinuxFact]
    public void AHardLinkedCopyIsReplacedNotWrittenThrough()
    {
        string source = Scratch();
        string link = Path.Combine(_directory, "linked.so");
        using (var ln = System.Diagnostics.Process.Start("ln", [source, link]))
        {
            ln.WaitForExit();
            Assert.Equal(0, ln.ExitCode);
        }

        var original = File.ReadAllBytes(source);
        Assert.Equal(ElfPatchOutcome.Patched, ElfVersionNeedPatcher.WeakenVersionNeeds(link, [Version]));
        Assert.Equal(original, File.ReadAllBytes(source));
        Assert.NotEqual(original, File.ReadAllBytes(link));
    }

    [Fact]
    public void UnexpectedLayoutsFailWithTheFileAndTheField()
    {
        var bytes = File.ReadAllBytes(PackageCopy);

        var notElf = (byte[])bytes.Clone();
        notElf[1] = (byte)'X';
        Assert.Contains("ELF magic", Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.ReadVersionNeeds(notElf, "a.so")).Message);

        var bigEndian = (byte[])bytes.Clone();
        bigEndian[5] = 2;
        Assert.Contains("little-endian", Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.ReadVersionNeeds(bigEndian, "b.so")).Message);

        var truncated = bytes.AsSpan(0, bytes.Length / 2).ToArray();
        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.ReadVersionNeeds(truncated, "c.so"));
        Assert.Contains("'c.so'", error.Message);

        // Corrupt the hash of the target entry: the name no longer matches, so the table is not what it seems.
        var need = ElfVersionNeedPatcher.ReadVersionNeeds(bytes, "d.so").Single(n => n.Version == Version);
        var badHash = (byte[])bytes.Clone();
        badHash[need.FlagsOffset - 4] ^= 0x01;
        Assert.Contains("vna_hash", Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.ReadVersionNeeds(badHash, "d.so")).Message);
    }

    [Fact]
    public void ElfHashMatchesTheSysVDefinition()
    {
        // Short names by hand; long ones as binutils' objdump -p prints them (the fold of the top nibble matters there).
        Assert.Equal(0u, ElfVersionNeedPatcher.ElfHash(""));
        Assert.Equal((uint)'a', ElfVersionNeedPatcher.ElfHash("a"));
        Assert.Equal(((uint)'a' << 4) + 'b', ElfVersionNeedPatcher.ElfHash("ab"));
        Assert.Equal(0x09691a75u, ElfVersionNeedPatcher.ElfHash("GLIBC_2.2.5"));
        Assert.Equal(0x0297f842u, ElfVersionNeedPatcher.ElfHash("GLIBCXX_3.4.32"));
        Assert.Equal(0x0afd17f3u, ElfVersionNeedPatcher.ElfHash("CXXABI_1.3.13"));
    }
}
