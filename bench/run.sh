#!/usr/bin/env bash
# Measures rpmkit against rpmbuild and Redline's own builder on the same contents, in one run,
# alternating the tools, and prints median wall time, the ratio to rpmbuild and peak RSS.
# Usage: bench/run.sh [> section]; RUNS (default 3), CASES and BENCH_DIR may be set.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
work=${BENCH_DIR:-/tmp/rpmkit-bench}
runs=${RUNS:-3}
cases=${CASES:-"256m:gzip:6 256m:zstd:3 256m:xz:6 small:gzip:6 1g:zstd:3 5g:zstd:3 worker:gzip:6"}
mkdir -p "$work"

(cd "$top" && mvn -B -q install -DskipTests -Dinvoker.skip=true) >&2
(cd "$here" && mvn -B -q package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) >&2
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"

. "$here/common.sh"

rpmbuild_case() { # input compression level
  local input=$1 payload
  payload=$(rpm_payload "$2" "$3")
  mkdir -p "$work/rpmbuild/SPECS"
  cat > "$work/rpmbuild/SPECS/bench.spec" <<SPEC
Name: bench
Version: 1
Release: 1
Summary: Benchmark contents
License: MIT
BuildArch: noarch
%description
Benchmark contents
%install
mkdir -p %{buildroot}/opt/bench
cp -al $input/. %{buildroot}/opt/bench/
%files
/opt/bench
SPEC
  timed rpmbuild rpmbuild -bb --quiet --define "_topdir $work/rpmbuild" --define "_binary_payload $payload" \
    --define "__os_install_post %{nil}" --define "_build_id_links none" "$work/rpmbuild/SPECS/bench.spec"
}

check_installs() { # package [verify]
  rpm -K --nosignature "$1" >/dev/null || { echo "rpm -K failed for $1" >&2; return 1; }
  local root="$work/root"; rm -rf "$root"; mkdir -p "$root"
  rpm --root "$root" --dbpath "$root/var/lib/rpm" -i --nodeps --noscripts "$1" 2>&1 | grep -v -e Alien -e 'assuming you know' || true
  rpm --root "$root" --dbpath "$root/var/lib/rpm" -q bench >/dev/null || { echo "install failed for $1" >&2; return 1; }
  if [ "${2:-}" = verify ]; then
    out=$(rpm --root "$root" --dbpath "$root/var/lib/rpm" -V --nodeps bench) || true
    [ -z "$out" ] || { echo "rpm -V failed for $1: $out" >&2; return 1; }
    echo "  rpm -V clean for $(basename "$1")" >&2
  fi
  rm -rf "$root"
}

echo "# Benchmark results"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo),"\
  "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); $(java -version 2>&1 | head -1);"\
  "$(rpm --version); run on $(date -u +%Y-%m-%d). JVM defaults (no -Xmx): see README."
echo
echo "Medians of $runs alternating runs. Ratio = tool / rpmbuild (lower is better)."
echo
echo "| case | tool | median s | ratio | peak RSS MB |"
echo "| --- | --- | --- | --- | --- |"

for spec in $cases; do
  IFS=: read -r kind compression level <<< "$spec"
  input="$work/input-$kind"
  if [ "$kind" = worker ]; then
    input="$top/worker-spec/src/rpm"
  elif [ ! -d "$input" ]; then
    python3 "$here/gen.py" "$kind" "$input"
  fi
  rm -f "$work"/*.times
  tools="rpmkit rpmbuild"
  [ "$compression" = gzip ] && [ "$kind" != worker ] && tools="rpmkit rpmbuild redline"
  for ((i = 1; i <= runs; i++)); do
    for tool in $tools; do
      rm -rf "$work/out" "$work/rpmbuild/RPMS"; mkdir -p "$work/out"
      case $tool in
        rpmkit)
          if [ "$kind" = worker ]; then
            java -cp "$classpath" bench.BuildWithRpmkit "$input" "$work/out/bench.rpm" "$compression" "$level" 20 \
              | awk '{print $3}' | tail -10 | median | awk '{print $1, 0}' >> "$work/rpmkit.times"
          else
            timed rpmkit java -cp "$classpath" bench.BuildWithRpmkit "$input" "$work/out/bench.rpm" "$compression" "$level"
          fi
          built="$work/out/bench.rpm" ;;
        rpmbuild) rpmbuild_case "$input" "$compression" "$level"; built=$(ls "$work"/rpmbuild/RPMS/noarch/*.rpm) ;;
        redline) timed redline java -cp "$classpath" bench.BuildWithRedline "$input" "$work/out"; built=$(ls "$work"/out/*.rpm) ;;
      esac
      if [ "$i" = 1 ]; then
        if [ "$kind" = 5g ]; then check_installs "$built" verify; else check_installs "$built"; fi
      fi
    done
  done
  base=$(awk '{print $1}' "$work/rpmbuild.times" | median)
  for tool in $tools; do
    t=$(awk '{print $1}' "$work/$tool.times" | median)
    rss=$(awk '{print $2}' "$work/$tool.times" | median)
    note=""; [ "$kind" = worker ] && [ "$tool" = rpmkit ] && note=" (warm JVM, median of builds 11-20)" && rss=0
    printf "| %s %s %s | %s%s | %.3f | %.2f | %s |\n" "$kind" "$compression" "$level" "$tool" "$note" "$t" \
      "$(echo "$t $base" | awk '{print $1/$2}')" "$( [ "$rss" = 0 ] && echo - || echo $((rss / 1024)))"
  done
done
