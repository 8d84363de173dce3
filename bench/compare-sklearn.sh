#!/usr/bin/env bash
# Runs `recs train --json` (published Native AOT binary) and the scikit-learn peer on the same ratings files in one
# run, and prints a side-by-side table. Usage: bench/compare-sklearn.sh [ratings files…]
# Defaults to the MovieLens small set and the Letterboxd 1M set under $RECS_DATA_DIR (or ../shared/data).
# Set SKIP_PUBLISH=1 to reuse artifacts/aot/recs; RUNS=n repeats each tool n times and reports the fastest total.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${RECS_DATA_DIR:-$(cd .. && pwd)/shared/data}"
peer="${SKLEARN_PEER:-$(cd .. && pwd)/shared/peer/sklearn_train.py}"
runs="${RUNS:-1}"
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=("$data/movielens-ml-latest-small/ratings.csv" "$data/letterboxd-sdl60660-1m/ratings.csv.gz")
fi

if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  dotnet publish src/Recs.Aot -c Release -r linux-x64 -o artifacts/aot -nologo > artifacts/aot-publish.log 2>&1 \
    || { cat artifacts/aot-publish.log; exit 1; }
fi
out="artifacts/compare"
mkdir -p "$out"

for f in "${files[@]}"; do
  [ -f "$f" ] || { echo "skipping $f (absent)"; continue; }
  name="$(basename "$(dirname "$f")")"
  for i in $(seq 1 "$runs"); do
    artifacts/aot/recs train --ratings "$f" --json > "$out/$name.recs.$i.json"
    artifacts/aot/recs train --ratings "$f" --json --geometry raw > "$out/$name.recs-raw.$i.json"
    /usr/bin/python3 "$peer" --ratings "$f" > "$out/$name.sklearn.$i.json"
  done
done

/usr/bin/python3 - "$out" "$runs" <<'PY'
import json, sys, glob, os
out, runs = sys.argv[1], int(sys.argv[2])
def best(prefix):
    docs = [json.load(open(p)) for p in sorted(glob.glob(f"{prefix}.*.json"))]
    return min(docs, key=lambda d: d["seconds"]["total"]) if docs else None
names = sorted({os.path.basename(p).split(".")[0] for p in glob.glob(f"{out}/*.json")})
for name in names:
    r, raw, s = best(f"{out}/{name}.recs"), best(f"{out}/{name}.recs-raw"), best(f"{out}/{name}.sklearn")
    if not (r and raw and s):
        continue
    print(f"\n### {name}: {r['users']} users x {r['films']} films, {r['ratings']} ratings (fastest of {runs})\n")
    print("| stage | recs (AOT) s | scikit-learn s | speed-up |")
    print("| --- | ---: | ---: | ---: |")
    for st in ["load", "matrix", "svd", "kmeans", "silhouette", "total"]:
        a, b = r["seconds"][st], s["seconds"][st]
        print(f"| {st} | {a:.3f} | {b:.3f} | {b / a:.1f}x |")
    sr, ss = r["singular_values"], s["singular_values"]
    print("\n| quantity | recs | scikit-learn |")
    print("| --- | ---: | ---: |")
    for i in [0, 1, 9, 31, 63]:
        if i < len(sr) and i < len(ss):
            print(f"| sigma_{i + 1} | {sr[i]:.3f} | {ss[i]:.3f} |")
    print(f"| sum of 64 sigma^2 (captured energy) | {sum(x * x for x in sr):.1f} | {sum(x * x for x in ss):.1f} |")
    print(f"| sigma_i recs >= sklearn (of {min(len(sr), len(ss))}) | {sum(a >= b * (1 - 1e-5) for a, b in zip(sr, ss))} | |")
    print(f"| chosen k (recs: unit rows / raw U·S) | {r['chosen_k']} / {raw['chosen_k']} | {s['chosen_k']} (raw U·S) |")
    sil = {c["k"]: c["silhouette"] for c in raw["clusters"]}
    ine = {c["k"]: c["inertia"] for c in raw["clusters"]}
    k = s["chosen_k"]
    print(f"| inertia at sklearn's k = {k}, raw U·S (same geometry) | {ine[k]:.1f} | {s['inertia']:.1f} |")
    print(f"| silhouette at k = {k}, raw U·S | {sil[k]:.4f} | {s['silhouette'][str(k)]:.4f} |")
    print(f"| inertia of chosen k, unit rows | {r['inertia']:.2f} | n/a |")
    print(f"| peak memory MB (working set / max RSS) | {r['peak_working_set_mb']:.0f} | {s['peak_rss_mb']:.0f} |")
PY
