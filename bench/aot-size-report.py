#!/usr/bin/env python3
"""What the Native AOT binary is made of, from the compiler's map file.

Usage:
  dotnet publish src/Recs.Aot -c Release -r linux-x64 -o /tmp/recs-map -p:IlcGenerateMapFile=true
  bench/aot-size-report.py src/Recs.Aot/obj/Release/net10.0/linux-x64/native/recs.map.xml [top]

Prints the bytes of each kind of node (native code, type structures, the dehydrated data the runtime expands at
start, resources, metadata, …) and the code, type structures and generic dictionaries attributed to the assembly
that declares each method or type. A generic instantiation is attributed to the assembly of its generic definition, so
List<Film> counts under System.Private.CoreLib.
"""
import collections
import html
import os
import re
import sys

NODE = re.compile(r'\s*<(\w+) Name="(.*?)" Length="(\d+)"')
PER_ASSEMBLY = {"MethodCode", "ConstructedEEType", "GCInfo", "TypeGenericDictionary", "MethodGenericDictionary"}
PREFIX = re.compile(r'^(_ZTV\d+|__GenericDict_|__readonlydata_|__writableData|Boxed_)')


def assembly_prefixes(native_folder: str) -> list[tuple[str, str]]:
    # The compiler mangles a symbol as <assembly with dots as underscores>_<namespace>_<type>…; the assemblies are the
    # ones the build compiled, found beside the map in the IL output folder.
    il_folder = os.path.normpath(os.path.join(native_folder, ".."))
    names = {f[:-4] for f in os.listdir(il_folder) if f.endswith(".dll")} if os.path.isdir(il_folder) else set()
    bin_folder = il_folder.replace(os.sep + "obj" + os.sep, os.sep + "bin" + os.sep)
    if os.path.isdir(bin_folder):
        names |= {f[:-4] for f in os.listdir(bin_folder) if f.endswith(".dll")}
    prefixes = [(n.replace(".", "_") + "_", n) for n in names]
    prefixes += [("S_P_CoreLib_", "System.Private.CoreLib"), ("S_P_TypeLoader_", "System.Private.TypeLoader"),
                 ("S_P_Reflection_Execution_", "System.Private.Reflection.Execution"),
                 ("S_P_StackTraceMetadata_", "System.Private.StackTraceMetadata"), ("S_P_Uri_", "System.Private.Uri")]
    return sorted(prefixes, key=lambda p: -len(p[0]))


def main() -> None:
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    prefixes = assembly_prefixes(os.path.dirname(os.path.abspath(path)))
    kinds, counts, assemblies = collections.Counter(), collections.Counter(), collections.Counter()
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            m = NODE.match(line)
            if not m:
                continue
            kind, name, length = m.group(1), html.unescape(m.group(2)), int(m.group(3))
            kinds[kind] += length
            counts[kind] += 1
            if kind in PER_ASSEMBLY:
                bare = PREFIX.sub("", name)
                owner = next((a for p, a in prefixes if bare.startswith(p)), "(compiler-generated)")
                assemblies[owner] += length
    total = sum(kinds.values())
    print(f"{total / 1e6:.2f} MB in {sum(counts.values()):,} nodes\n")
    print("| kind | MB | nodes |\n| --- | ---: | ---: |")
    for kind, length in kinds.most_common(top):
        print(f"| {kind} | {length / 1e6:.2f} | {counts[kind]:,} |")
    print("\n| assembly (code, type structures, GC info, generic dictionaries) | MB |\n| --- | ---: |")
    for owner, length in assemblies.most_common(top):
        print(f"| {owner} | {length / 1e6:.2f} |")


if __name__ == "__main__":
    main()
