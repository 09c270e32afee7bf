#!/usr/bin/env bash
# The yum-repository benchmark (issue 14, item 5): COUNT (default 10,000) small packages built
# by our library in one JVM, indexed by our RepositoryWriter (gzip, and zstd as ours-zstd), by the
# host's createrepo_c 0.17 and by the sid root's createrepo_c 1.2 (zstd, its default, and gzip),
# alternating; then ADDED (default 10) more packages and an update by each (ours with update,
# createrepo_c --update) from the full run's repodata. Prints medians of RUNS (default 3) runs,
# ratios to createrepo_c 0.17 and peak RSS, and our full index once more in a warm JVM (the same
# index six times in one), which shows the JIT's share; and the yum-repository goal as users run it,
# `mvn -B -q -o package` of a project whose <sources> is the repository's packages/ (indexed in
# place: nothing is read or copied before the writer), less the same build with -Drpm.repository.skip.
# The plugin is installed into M2 first, unless SKIP_BUILD is set (then the installed one must be
# newer than the compiled classes).
# Usage: bench/repo-scale.sh [> table]; COUNT, ADDED, RUNS, SID_ROOT, M2 and SKIP_BUILD may be set.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
count=${COUNT:-10000}
added=${ADDED:-10}
runs=${RUNS:-3}
sid=${SID_ROOT:-/var/cache/rpmkit/roots/sid}
m2=${M2:-$HOME/.m2/repository}
revision=1800000000
# Inside the sid root when there is one, so that its createrepo_c sees the same files (hard links).
if [ -x "$sid/usr/bin/createrepo_c" ]; then inner=/tmp/rpmkit-repo-scale; work=$sid$inner; else sid=; work=/tmp/rpmkit-repo-scale; fi
rm -rf "$work"; mkdir -p "$work"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# The plugin's classes and its runtime jars, in the versions the root pom names.
[ -n "${SKIP_BUILD:-}" ] || (cd "$top" && mvn -o -B -q -Dmaven.repo.local="$m2" -pl rpm-maven-plugin -am install \
  -DskipTests -Dinvoker.skip=true) >&2
version() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$top/pom.xml" | head -1; }
jar() { echo "$m2/$1/$2/$3/$2-$3.jar"; }
classpath="$top/rpm-maven-plugin/target/classes:$(jar org/tukaani xz "$(version xz.version)"):$(jar com/github/luben zstd-jni "$(version zstd-jni.version)")"
classpath="$classpath:$(jar org/redline-rpm redline 1.2.10):$(jar org/apache/commons commons-compress "$(version commons-compress.version)")"
for bc in bcpg bcprov bcutil; do classpath="$classpath:$(jar org/bouncycastle $bc-jdk18on "$(version bouncycastle.version)")"; done
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$classpath" "$here/src/main/java/bench/RepoScale.java"
classpath="$work/classes:$classpath"

# shellcheck source=bench/common.sh
. "$here/common.sh"

plugin_version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p;T;q' "$top/pom.xml")
plugin_jar="$m2/io/rpmkit/rpm-maven-plugin/$plugin_version/rpm-maven-plugin-$plugin_version.jar"
[ "$plugin_jar" -nt "$top/rpm-maven-plugin/target/classes/io/rpmkit/repo/RepositoryWriter.class" ] || {
  echo "the installed plugin $plugin_jar is missing or older than the compiled classes: run without SKIP_BUILD" >&2
  exit 1; }
# The goal's project: its sources are the packages already in the repository, indexed in place, as
# createrepo_c indexes them.
bench_pom "$work/goal-project" "      <plugin>
        <groupId>io.rpmkit</groupId>
        <artifactId>rpm-maven-plugin</artifactId>
        <version>$plugin_version</version>
        <executions><execution><goals><goal>yum-repository</goal></goals></execution></executions>
        <configuration>
          <directory>$work/ours-goal</directory>
          <revision>$revision</revision>
          <sources><source>$work/ours-goal/packages</source></sources>
        </configuration>
      </plugin>"

/usr/bin/time -f "%e s, %M KB" -o "$work/generate.time" java -cp "$classpath" bench.RepoScale generate "$work/packages" 0 "$count"
java -cp "$classpath" bench.RepoScale generate "$work/added" "$count" "$added"
echo "generated $count packages ($(du -sh "$work/packages" | cut -f1)) in $(cat "$work/generate.time")" >&2

tools="ours ours-goal ours-goal-skip ours-zstd createrepo_c-0.17"
[ -n "$sid" ] && tools="$tools createrepo_c-1.2-zstd createrepo_c-1.2-gz"
indexers=${tools/ ours-goal-skip/} # the tools that write a repository (the skipped build writes none)
for tool in $indexers; do mkdir -p "$work/$tool"; cp -al "$work/packages" "$work/$tool/packages"; done
index() { # TOOL [update]
  local tool=$1 update=${2:-}
  case $tool in
    ours) timed "ours$update" java -cp "$classpath" bench.RepoScale index "$work/ours" "$revision" ${update:+"$update"} ;;
    ours-goal) timed "$tool$update" mvn -B -q -o -f "$work/goal-project/pom.xml" -Dmaven.repo.local="$m2" package \
                 ${update:+-Drpm.repository.update=true} ;;
    ours-goal-skip) timed "$tool$update" mvn -B -q -o -f "$work/goal-project/pom.xml" -Dmaven.repo.local="$m2" package \
                      -Drpm.repository.skip ;;
    ours-zstd) timed "$tool$update" java -cp "$classpath" bench.RepoScale index "$work/$tool" "$revision" ${update:+"$update"} zstd ;;
    createrepo_c-0.17) timed "$tool$update" createrepo_c --no-database --revision "$revision" ${update:+--update} "$work/$tool" ;;
    createrepo_c-1.2-zstd) timed "$tool$update" chroot "$sid" createrepo_c --no-database --revision "$revision" ${update:+--update} "$inner/$tool" ;;
    createrepo_c-1.2-gz) timed "$tool$update" chroot "$sid" createrepo_c --no-database --general-compress-type=gz --revision "$revision" ${update:+--update} "$inner/$tool" ;;
  esac
}

for ((i = 1; i <= runs; i++)); do
  for tool in $tools; do rm -rf "$work/$tool/repodata"; index "$tool"; done
done
for tool in $indexers; do
  cp -a "$work/$tool/repodata" "$work/$tool.full-repodata"
  cp -al "$work/added/." "$work/$tool/packages/"
done
for ((i = 1; i <= runs; i++)); do
  for tool in $tools; do
    [ "$tool" = ours-goal-skip ] || { rm -rf "$work/$tool/repodata"; cp -a "$work/$tool.full-repodata" "$work/$tool/repodata"; }
    index "$tool" update
  done
done
# The JIT's share of our full run: the same index six times in one JVM; the median of the last three.
mkdir -p "$work/ours-warm"; cp -al "$work/packages" "$work/ours-warm/packages"
java -cp "$classpath" bench.RepoScale index-warm "$work/ours-warm" "$revision" 6 2> "$work/ours-warm.err" > /dev/null
warm=$(sed -n 's/^index [456]: \(.*\) s$/\1/p' "$work/ours-warm.err" | median)
grep -h "Wrote the metadata" "$work/last.out" >&2 || true
# The update must describe every package: count primary.xml's packages in each tool's result.
for tool in $indexers; do
  n=$(python3 -c "import gzip,sys,glob,re; f=glob.glob('$work/$tool/repodata/*-primary.xml.*')[0]; d=open(f,'rb').read()
import subprocess; d=gzip.decompress(d) if f.endswith('.gz') else subprocess.run(['zstd','-dc',f],capture_output=True).stdout
print(re.search(rb'packages=\"(\d+)\"', d).group(1).decode())")
  [ "$n" = $((count + added)) ] || { echo "$tool's update lists $n packages, not $((count + added))" >&2; exit 1; }
done

echo "Run on $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores; load before: $load_before;" \
  "$(java -version 2>&1 | head -1); $count packages, $added added. Medians of $runs alternating runs;" \
  "ratio = tool / createrepo_c 0.17 (full runs) and update / the tool's own full run."
echo
echo "| run | tool | median s | ratio | peak RSS MB |"
echo "| --- | --- | --- | --- | --- |"
base=$(awk '{print $1}' "$work/createrepo_c-0.17.times" | median)
m() { awk '{print $1}' "$work/$1.times" | median; }
# The goal alone: the Maven build less the same build with the goal skipped.
goal=$(echo "$(m ours-goal) $(m ours-goal-skip)" | awk '{print $1 - $2}')
goal_update=$(echo "$(m ours-goalupdate) $(m ours-goal-skipupdate)" | awk '{print $1 - $2}')
for tool in $tools; do
  t=$(m "$tool"); rss=$(awk '{print $2}' "$work/$tool.times" | median)
  printf "| full, %d packages | %s | %.2f | %.2f | %d |\n" "$count" "$tool" "$t" "$(echo "$t $base" | awk '{print $1/$2}')" $((rss / 1024))
done
printf "| full, %d packages, the goal alone (ours-goal less ours-goal-skip) | ours-goal | %.2f | %.2f | - |\n" "$count" \
  "$goal" "$(echo "$goal $base" | awk '{print $1/$2}')"
printf "| full, %d packages, warm JVM (runs 4-6 of 6 in one JVM) | ours | %.2f | %.2f | - |\n" "$count" "$warm" \
  "$(echo "$warm $base" | awk '{print $1/$2}')"
for tool in $indexers; do # the skipped build's "update" is the same build again: no row
  full=$(m "$tool")
  t=$(m "${tool}update"); rss=$(awk '{print $2}' "$work/${tool}update.times" | median)
  printf "| update, %d added | %s | %.2f | %.2f of its full run | %d |\n" "$added" "$tool" "$t" "$(echo "$t $full" | awk '{print $1/$2}')" $((rss / 1024))
done
printf "| update, %d added, the goal alone | ours-goal | %.2f | %.2f of its full run | - |\n" "$added" "$goal_update" \
  "$(echo "$goal_update $goal" | awk '{print $1/$2}')"
echo
echo "Load (1, 5, 15 min) after: $(cut -d' ' -f1-3 /proc/loadavg)"
