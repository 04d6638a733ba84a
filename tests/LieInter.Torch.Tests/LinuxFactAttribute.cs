namespace LieInter.Torch.Tests;

/// <summary>A fact about the Linux native build, reported as skipped (not passed) elsewhere.</summary>
internal sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only: libLibTorchSharp.so and the GLIBCXX fix are Linux-specific.";
        }
    }
}
