#!/usr/bin/env bash
# One full run of every benchmark, one after the other on a quiet machine, each section's table to
# OUT_DIR (default /tmp/rpmkit-full-run) as NAME.md, with the commit and the start and end of each:
#   real-trees   the JDK, a Maven repository, small files and one small file; zstd 3 and gzip 6
#   many         about 45,000 small files, zstd 3, one run (rpmbuild takes over a minute a run)
#   xz           the JDK, xz 6, one run (about nine minutes)
#   repo-scale   yum-repository on 10,000 packages against createrepo_c, full and update
#   fixed-cost   the goal's fixed cost on the sample service
#   synthetic    run.sh's generated contents against rpmbuild and Redline, without xz (its 256 MiB
#                case alone takes half an hour with rpmbuild)
# bench/RESULTS.md is written from these files. Usage: bench/full-run.sh [SECTION...] (default all).
# The plugin is installed into the local repository first (mvn install needs no network once primed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
out=${OUT_DIR:-/tmp/rpmkit-full-run}
sections=${*:-"real-trees many xz repo-scale fixed-cost synthetic"}
mkdir -p "$out"

(cd "$top" && mvn -o -B -q install -DskipTests -Dinvoker.skip=true) >&2
commit=$(git -C "$top" rev-parse --short HEAD)
[ -z "$(git -C "$top" status --porcelain -- rpm-maven-plugin bench)" ] || commit="$commit with uncommitted changes"

for section in $sections; do
  start=$(date -u +%H:%M)
  case $section in
    real-trees) RUNS=3 TREES="jdk m2 smallfiles small" COMPRESSIONS="zstd:3 gzip:6" "$here/real-trees.sh" ;;
    many) RUNS=1 TREES=many COMPRESSIONS=zstd:3 "$here/real-trees.sh" ;;
    xz) RUNS=1 TREES=jdk COMPRESSIONS=xz:6 "$here/real-trees.sh" ;;
    repo-scale) RUNS=3 SKIP_BUILD=1 "$here/repo-scale.sh" ;;
    fixed-cost) RUNS=9 "$here/fixed-cost.sh" ;;
    synthetic) RUNS=3 CASES="256m:gzip:6 256m:zstd:3 small:gzip:6 1g:zstd:3 5g:zstd:3 worker:gzip:6" "$here/run.sh" ;;
    *) echo "no section $section: real-trees many xz repo-scale fixed-cost synthetic" >&2; exit 2 ;;
  esac > "$out/$section.md.tmp" 2> "$out/$section.err"
  mv "$out/$section.md.tmp" "$out/$section.md"
  echo "$section: $commit, $(date -u +%F) $start-$(date -u +%H:%M) UTC" | tee -a "$out/runs.txt" >&2
done
