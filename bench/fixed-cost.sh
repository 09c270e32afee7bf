#!/usr/bin/env bash
# The rpm goal's fixed cost on the sample service (src/it/service-package: a jar, a dependency, a
# unit, a user, data and log directories), as issue 14 defines it: the same Maven build with and
# without -Drpm.skip, alternating. Two measures of the same runs:
#  - whole build: `mvn -B -o package` wall time, rpm less skip (includes JVM exit; noisy on 2 cores);
#  - in Maven's log: from the goal's "--- rpm-maven-plugin" line to its last line ("Wrote ..." or
#    "Skipping ..."), rpm less skip: the goal's own work without Maven's start and end.
# Prints medians of RUNS (default 9) pairs. Install the plugin first (MAVEN_REPO names the local
# repository holding it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
work=${BENCH_DIR:-/tmp/rpmkit-bench-fixed}
runs=${RUNS:-9}
repo=${MAVEN_REPO:-$HOME/.m2/repository}
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$top/pom.xml" | head -1)
rm -rf "$work"; mkdir -p "$work"
cp -r "$top/rpm-maven-plugin/src/it/service-package" "$work/project"
# The IT gets these plugin versions from the invoker's settings; a plain build needs them in the pom.
sed -i -e "s/@project.version@/$version/" -e '/<plugin><artifactId>maven-compiler-plugin/a\
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>\
      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>\
      <plugin><artifactId>maven-install-plugin</artifactId><version>3.1.3</version></plugin>' "$work/project/pom.xml"

. "$here/common.sh"
# goal_seconds LOG: seconds from the goal's header line to its last line, from Maven's timestamps
goal_seconds() {
  awk '/--- rpm-maven-plugin/ {start = $1} start && (/Wrote |Skipping the rpm goal/) {end = $1}
       function s(t,  p) { split(t, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
       END { printf "%.3f\n", s(end) - s(start) }' "$1"
}
build() { # NAME [ARGS...]: one build, appends wall seconds and the goal's seconds
  local name=$1; shift
  rm -rf "$work/project/target"
  /usr/bin/time -f "%e" -o "$work/wall" mvn -B -o -f "$work/project/pom.xml" -Dmaven.repo.local="$repo" \
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS "$@" \
    package > "$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
  cat "$work/wall" >> "$work/$name.wall"
  goal_seconds "$work/log" >> "$work/$name.goal"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((i = 1; i <= runs; i++)); do
  build rpm
  build skip -Drpm.skip
done
m() { median < "$work/$1"; }
echo "Run on $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores; load before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg);" \
  "medians of $runs alternating pairs; the sample service (src/it/service-package), gzip 6."
echo
echo "| measure | rpm s | -Drpm.skip s | the goal's fixed cost s |"
echo "| --- | --- | --- | --- |"
printf "| whole build (mvn -B -o package) | %.2f | %.2f | %.2f |\n" "$(m rpm.wall)" "$(m skip.wall)" \
  "$(echo "$(m rpm.wall) $(m skip.wall)" | awk '{print $1 - $2}')"
printf "| the goal in Maven's log | %.3f | %.3f | %.3f |\n" "$(m rpm.goal)" "$(m skip.goal)" \
  "$(echo "$(m rpm.goal) $(m skip.goal)" | awk '{print $1 - $2}')"
