// Marks chosen symbol-version needs of an ELF shared library as weak (VER_FLG_WEAK), so that the dynamic loader
// accepts the library when the providing library (here libstdc++) is older than the one it was linked against.
// Compiled twice: by MSBuild's RoslynCodeTaskFactory as the WeakenElfVersionNeeds task (see
// TorchSharpGlibcFix.targets) and, with ELF_PATCHER_STANDALONE defined, into the tests.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LieInter.Build
{
    /// <summary>What the patcher did to one file.</summary>
    internal enum ElfPatchOutcome
    {
        /// <summary>None of the requested version needs is present: the file was not touched.</summary>
        NotNeeded,

        /// <summary>Every requested need that is present was already weak: the file was not touched.</summary>
        AlreadyWeak,

        /// <summary>At least one need was marked weak and the file was rewritten.</summary>
        Patched,
    }

    /// <summary>One entry of the version-need table (<c>.gnu.version_r</c>).</summary>
    internal sealed class ElfVersionNeed
    {
        public ElfVersionNeed(string file, string version, ushort flags, long flagsOffset)
        {
            File = file;
            Version = version;
            Flags = flags;
            FlagsOffset = flagsOffset;
        }

        /// <summary>The library that must provide the version (vn_file), e.g. libstdc++.so.6.</summary>
        public string File { get; }

        /// <summary>The version name (vna_name), e.g. GLIBCXX_3.4.32.</summary>
        public string Version { get; }

        /// <summary>vna_flags; bit 0x2 is VER_FLG_WEAK.</summary>
        public ushort Flags { get; }

        /// <summary>File offset of vna_flags.</summary>
        public long FlagsOffset { get; }

        public bool IsWeak => (Flags & ElfVersionNeedPatcher.VerFlagWeak) != 0;
    }

    /// <summary>Reads and patches the version-need table of a 64-bit little-endian ELF file.</summary>
    internal static class ElfVersionNeedPatcher
    {
        public const ushort VerFlagWeak = 0x2;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const uint ShtStrtab = 3;

        /// <summary>Lists every version need of <paramref name="bytes"/>. Throws <see cref="InvalidDataException"/>
        /// naming <paramref name="path"/> and the offending field when the layout is not what the ELF64 spec says.</summary>
        public static List<ElfVersionNeed> ReadVersionNeeds(byte[] bytes, string path)
        {
            var needs = new List<ElfVersionNeed>();
            if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            {
                throw Bad(path, "missing the ELF magic number");
            }

            if (bytes[4] != 2 || bytes[5] != 1)
            {
                throw Bad(path, $"EI_CLASS={bytes[4]}, EI_DATA={bytes[5]}; only 64-bit little-endian ELF is supported");
            }

            long shoff = (long)U64(bytes, 0x28, path, "e_shoff");
            int shentsize = U16(bytes, 0x3A, path, "e_shentsize");
            int shnum = U16(bytes, 0x3C, path, "e_shnum");
            if (shoff == 0 || shnum == 0)
            {
                throw Bad(path, "no section header table (e_shoff or e_shnum is 0)");
            }

            if (shentsize != 64)
            {
                throw Bad(path, $"e_shentsize is {shentsize}, expected 64");
            }

            if (shoff < 0 || shoff + (long)shnum * shentsize > bytes.Length)
            {
                throw Bad(path, $"section header table at {shoff} with {shnum} entries runs past the end of the file ({bytes.Length} bytes)");
            }

            int verneedIndex = -1;
            for (int i = 0; i < shnum; i++)
            {
                if (U32(bytes, shoff + i * 64L + 4, path, "sh_type") == ShtGnuVerneed)
                {
                    if (verneedIndex >= 0)
                    {
                        throw Bad(path, $"two SHT_GNU_verneed sections ({verneedIndex} and {i})");
                    }

                    verneedIndex = i;
                }
            }

            if (verneedIndex < 0)
            {
                return needs; // No version needs at all: nothing to weaken.
            }

            long sh = shoff + verneedIndex * 64L;
            long tableOffset = (long)U64(bytes, sh + 24, path, "sh_offset of .gnu.version_r");
            long tableSize = (long)U64(bytes, sh + 32, path, "sh_size of .gnu.version_r");
            uint link = U32(bytes, sh + 40, path, "sh_link of .gnu.version_r");
            uint count = U32(bytes, sh + 44, path, "sh_info of .gnu.version_r");
            if (tableOffset < 0 || tableOffset + tableSize > bytes.Length)
            {
                throw Bad(path, $".gnu.version_r [{tableOffset}, +{tableSize}) lies outside the file");
            }

            if (link >= shnum)
            {
                throw Bad(path, $".gnu.version_r links to section {link}, but there are only {shnum}");
            }

            long strSh = shoff + link * 64L;
            if (U32(bytes, strSh + 4, path, "sh_type of the version string table") != ShtStrtab)
            {
                throw Bad(path, $".gnu.version_r links to section {link}, which is not a string table");
            }

            long strOffset = (long)U64(bytes, strSh + 24, path, "sh_offset of the string table");
            long strSize = (long)U64(bytes, strSh + 32, path, "sh_size of the string table");
            if (strOffset < 0 || strOffset + strSize > bytes.Length)
            {
                throw Bad(path, $"string table [{strOffset}, +{strSize}) lies outside the file");
            }

            long entry = tableOffset;
            for (uint n = 0; n < count; n++)
            {
                if (entry < tableOffset || entry + 16 > tableOffset + tableSize)
                {
                    throw Bad(path, $"Verneed entry {n} at {entry} lies outside .gnu.version_r");
                }

                ushort vnVersion = U16(bytes, entry, path, "vn_version");
                if (vnVersion != 1)
                {
                    throw Bad(path, $"Verneed entry {n} has vn_version {vnVersion}, expected 1");
                }

                int auxCount = U16(bytes, entry + 2, path, "vn_cnt");
                string file = ReadString(bytes, strOffset, strSize, U32(bytes, entry + 4, path, "vn_file"), path);
                long aux = entry + U32(bytes, entry + 8, path, "vn_aux");
                for (int a = 0; a < auxCount; a++)
                {
                    if (aux < tableOffset || aux + 16 > tableOffset + tableSize)
                    {
                        throw Bad(path, $"Vernaux entry {a} of '{file}' at {aux} lies outside .gnu.version_r");
                    }

                    uint hash = U32(bytes, aux, path, "vna_hash");
                    ushort flags = U16(bytes, aux + 4, path, "vna_flags");
                    string version = ReadString(bytes, strOffset, strSize, U32(bytes, aux + 8, path, "vna_name"), path);
                    if (ElfHash(version) != hash)
                    {
                        throw Bad(path, $"Vernaux '{version}' of '{file}' has vna_hash 0x{hash:x8}, but the ELF hash of its name is 0x{ElfHash(version):x8}");
                    }

                    needs.Add(new ElfVersionNeed(file, version, flags, aux + 4));
                    uint next = U32(bytes, aux + 12, path, "vna_next");
                    if (next == 0 && a != auxCount - 1)
                    {
                        throw Bad(path, $"Vernaux chain of '{file}' ends after {a + 1} of {auxCount} entries");
                    }

                    aux += next;
                }

                uint nextNeed = U32(bytes, entry + 12, path, "vn_next");
                if (nextNeed == 0 && n != count - 1)
                {
                    throw Bad(path, $"Verneed chain ends after {n + 1} of {count} entries");
                }

                entry += nextNeed;
            }

            return needs;
        }

        /// <summary>Sets VER_FLG_WEAK on every need whose version is in <paramref name="versions"/>, rewriting the file
        /// through a temporary copy (so a hard or symbolic link to a package cache is replaced, never written through)
        /// and keeping its last-write time (so incremental copies still see it as up to date).</summary>
        public static ElfPatchOutcome WeakenVersionNeeds(string path, IReadOnlyCollection<string> versions)
        {
            byte[] bytes = System.IO.File.ReadAllBytes(path);
            bool present = false;
            bool changed = false;
            foreach (var need in ReadVersionNeeds(bytes, path))
            {
                if (!Contains(versions, need.Version))
                {
                    continue;
                }

                present = true;
                if (!need.IsWeak)
                {
                    ushort flags = (ushort)(need.Flags | VerFlagWeak);
                    bytes[need.FlagsOffset] = (byte)(flags & 0xff);
                    bytes[need.FlagsOffset + 1] = (byte)(flags >> 8);
                    changed = true;
                }
            }

            if (!present)
            {
                return ElfPatchOutcome.NotNeeded;
            }

            if (!changed)
            {
                return ElfPatchOutcome.AlreadyWeak;
            }

            // Copy first so the temporary file has the original's permissions, then replace the original by it.
            DateTime lastWrite = System.IO.File.GetLastWriteTimeUtc(path);
            string temporary = path + ".weakening";
            System.IO.File.Copy(path, temporary, overwrite: true);
            System.IO.File.WriteAllBytes(temporary, bytes);
            System.IO.File.SetLastWriteTimeUtc(temporary, lastWrite);
            System.IO.File.Delete(path);
            System.IO.File.Move(temporary, path);
            return ElfPatchOutcome.Patched;
        }

        /// <summary>The SysV ELF hash used by vna_hash.</summary>
        public static uint ElfHash(string name)
        {
            uint h = 0;
            foreach (byte c in Encoding.UTF8.GetBytes(name))
            {
                h = (h << 4) + c;
                uint g = h & 0xf0000000;
                if (g != 0)
                {
                    h ^= g >> 24;
                }

                h &= ~g;
            }

            return h;
        }

        private static bool Contains(IReadOnlyCollection<string> versions, string version)
        {
            foreach (var v in versions)
            {
                if (string.Equals(v, version, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static string ReadString(byte[] bytes, long tableOffset, long tableSize, uint index, string path)
        {
            if (index >= tableSize)
            {
                throw Bad(path, $"string index {index} lies outside the string table ({tableSize} bytes)");
            }

            long start = tableOffset + index;
            long end = start;
            while (end < tableOffset + tableSize && bytes[end] != 0)
            {
                end++;
            }

            if (end == tableOffset + tableSize)
            {
                throw Bad(path, $"string at index {index} is not NUL-terminated");
            }

            return Encoding.UTF8.GetString(bytes, (int)start, (int)(end - start));
        }

        private static ushort U16(byte[] b, long offset, string path, string field)
        {
            Check(b, offset, 2, path, field);
            return (ushort)(b[offset] | (b[offset + 1] << 8));
        }

        private static uint U32(byte[] b, long offset, string path, string field)
        {
            Check(b, offset, 4, path, field);
            return (uint)(b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16) | (b[offset + 3] << 24));
        }

        private static ulong U64(byte[] b, long offset, string path, string field) =>
            U32(b, offset, path, field) | ((ulong)U32(b, offset + 4, path, field) << 32);

        private static void Check(byte[] b, long offset, int size, string path, string field)
        {
            if (offset < 0 || offset + size > b.Length)
            {
                throw Bad(path, $"{field} at offset {offset} lies past the end of the file ({b.Length} bytes)");
            }
        }

        private static InvalidDataException Bad(string path, string what) =>
            new InvalidDataException($"Unexpected ELF layout in '{path}': {what}.");
    }

#if !ELF_PATCHER_STANDALONE
    /// <summary>MSBuild task: weakens the listed version needs in each file that exists.</summary>
    public sealed class WeakenElfVersionNeeds : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        [Microsoft.Build.Framework.Required]
        public string[] Versions { get; set; } = Array.Empty<string>();

        public override bool Execute()
        {
            foreach (var item in Files)
            {
                string path = item.GetMetadata("FullPath");
                if (!System.IO.File.Exists(path))
                {
                    Log.LogError($"WeakenElfVersionNeeds: '{path}' does not exist; the copy step did not put it where expected.");
                    continue;
                }

                try
                {
                    var outcome = ElfVersionNeedPatcher.WeakenVersionNeeds(path, Versions);
                    var importance = outcome == ElfPatchOutcome.Patched ? Microsoft.Build.Framework.MessageImportance.High : Microsoft.Build.Framework.MessageImportance.Low;
                    Log.LogMessage(importance, $"WeakenElfVersionNeeds: {path}: {outcome} ({string.Join(", ", Versions)}).");
                }
                catch (Exception e) when (e is InvalidDataException || e is IOException || e is UnauthorizedAccessException)
                {
                    Log.LogError($"WeakenElfVersionNeeds: cannot weaken {string.Join(", ", Versions)} in '{path}': {e.Message} " +
                        "TorchSharp's native library changed shape; see docs/torch.md (the GLIBCXX fix).");
                }
            }

            return !Log.HasLoggedErrors;
        }
    }
#endif
}
