#!/usr/bin/env bash
# Measures the rpm goal on trees no one generated (a JDK with its symlinks, a copy of a local Maven
# repository, many small files from installed node and python packages) against, in the same run:
# rpmbuild single-threaded and with T0 (zstd and xz), ctron's rpm-builder through Maven (gzip, the
# only payload it writes), and two limits: the compressor alone on every core (tar | zstd -T0,
# tar | xz -T0) and that plus the SHA-256 passes a package needs. The goal is run as users run it,
# `mvn -B -q -o package`; its own time is that build less the same build with -Drpm.skip.
# Prints a Markdown table: median wall time, the goal's time, CPU time (user and system: on 2 cores a
# run can take no less than half its CPU time), peak RSS, ratios.
# Usage: bench/real-trees.sh [> section]; RUNS (default 3), TREES, COMPRESSIONS, BENCH_DIR and
# MAVEN_REPO (the local repository holding this plugin, installed beforehand) may be set.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
work=${BENCH_DIR:-/tmp/rpmkit-bench-real}
runs=${RUNS:-3}
trees=${TREES:-"jdk m2 smallfiles small"} # and "many" (about 45,000 files), slow for rpmbuild
compressions=${COMPRESSIONS:-"zstd:3 gzip:6"} # xz:6 too, if there is time: xz is slow on a JDK
repo=${MAVEN_REPO:-$HOME/.m2/repository}
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$top/pom.xml" | head -1)
mkdir -p "$work"

. "$here/common.sh"

# Copies of the trees inside $work: rpmbuild hard-links them into its buildroot (one file system).
make_tree() { # kind -> prints the tree's path
  local tree="$work/tree-$1"
  if [ ! -d "$tree" ]; then
    mkdir -p "$tree.tmp"
    case $1 in
      jdk) jdk=/usr/lib/jvm/temurin-25-jdk-amd64; [ -d $jdk ] || jdk=/usr/lib/jvm/java-17-openjdk-amd64
           cp -a "$jdk/." "$tree.tmp/" ;;
      m2) cp -a "$HOME/.m2/repository/." "$tree.tmp/" ;;
      smallfiles) cp -a /usr/lib/node_modules "$tree.tmp/node_modules"
                  cp -a /usr/lib/python3/dist-packages "$tree.tmp/dist-packages" ;;
      # Issue 14's "50,000 small files", from what Debian installs: headers, man pages, scripts, data.
      many) for d in /usr/lib/node_modules /usr/lib/python3/dist-packages /usr/lib/python3.11 /usr/include \
                     /usr/share/man /usr/share/doc /usr/share/zoneinfo /usr/share/perl /usr/share/perl5 \
                     /usr/share/vim /usr/share/i18n /usr/lib/x86_64-linux-gnu/perl; do
              [ -d "$d" ] && mkdir -p "$tree.tmp$(dirname "$d")" && cp -a "$d" "$tree.tmp$d"
            done ;;
      small) echo "hello" > "$tree.tmp/hello.txt" ;;
    esac
    mv "$tree.tmp" "$tree"
  fi
  echo "$tree"
}

project() { # tree compression level -> a project packaging the tree under /opt/bench
  bench_pom "$work/project" "      <plugin>
        <groupId>io.rpmkit</groupId>
        <artifactId>rpm-maven-plugin</artifactId>
        <version>$version</version>
        <executions><execution><goals><goal>rpm</goal></goals></execution></executions>
        <configuration>
          <targetRpm>el9</targetRpm>
          <summary>Benchmark contents</summary>
          <license>MIT</license>
          <compression>$2</compression>
          <compressionLevel>$3</compressionLevel>
          <entries><entry><path>/opt/bench</path><source>$1</source></entry></entries>
        </configuration>
      </plugin>"
  echo "$work/project"
}

ctron_project() { # tree -> a project packaging the tree under /opt/bench with ctron's rpm-builder
  bench_pom "$work/ctron" "      <plugin>
        <groupId>de.dentrassi.maven</groupId>
        <artifactId>rpm</artifactId>
        <version>${CTRON_VERSION:-1.11.0}</version>
        <executions><execution><goals><goal>rpm</goal></goals></execution></executions>
        <configuration>
          <packageName>bench</packageName>
          <summary>Benchmark contents</summary>
          <license>MIT</license>
          <group>Applications/System</group>
          <skipSigning>true</skipSigning>
          <entries><entry><name>/opt/bench</name><collect><from>$1</from></collect></entry></entries>
        </configuration>
      </plugin>"
  echo "$work/ctron"
}

rpmbuild_case() { # name tree payload
  mkdir -p "$work/rpmbuild/SPECS"
  cat > "$work/rpmbuild/SPECS/bench.spec" <<SPEC
Name: bench
Version: 1
Release: 1
Summary: Benchmark contents
License: MIT
BuildArch: noarch
AutoReqProv: no
%description
Benchmark contents
%install
mkdir -p %{buildroot}/opt/bench
cp -al $2/. %{buildroot}/opt/bench/
%files
/opt/bench
SPEC
  rm -rf "$work/rpmbuild/RPMS"
  timed "$1" rpmbuild -bb --quiet --define "_topdir $work/rpmbuild" --define "_binary_payload $3" \
    --define "__os_install_post %{nil}" --define "_build_id_links none" \
    --define "_binaries_in_noarch_packages_terminate_build 0" "$work/rpmbuild/SPECS/bench.spec"
}

# What any writer of this package must do at least: archive and compress on every core, and (second
# line) at the same time digest every file and the archive, and digest the compressed stream twice
# (SHA-256 for the header, MD5 over header and payload).
limit_compressor() { tar -cf - -C "$1" . | "$3" -q -T0 -"$2" -c > "$work/limit.out"; }
limit_with_digests() {
  (cd "$1" && find . -type f -print0 | xargs -0 sha256sum > /dev/null) &
  tar -cf - -C "$1" . | tee >(sha256sum > /dev/null) | "$3" -q -T0 -"$2" -c | tee >(md5sum > /dev/null) \
    | sha256sum > /dev/null
  wait
}
export -f limit_compressor limit_with_digests
export work

echo "| tree | compression | tool | median s | goal s | CPU s | peak RSS MiB | goal / rpmbuild T0 | goal / limit + digests | goal / rpmbuild |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for kind in $trees; do
  tree=$(make_tree "$kind")
  # Read once before the first tool, so that none pays for a tree the page cache no longer holds (here
  # the cache keeps about 1.6 GB: the trees together are larger, and one cold build of many took 33 s).
  find "$tree" -type f -exec cat {} + > /dev/null
  for spec in $compressions; do
    IFS=: read -r compression level <<< "$spec"
    dir=$(project "$tree" "$compression" "$level")
    rm -f "$work"/*.times
    tools="rpmkit skip rpmbuild"
    payload=$(rpm_payload "$compression" "$level")
    case $compression in
      zstd|xz) tools="$tools rpmbuild-T0 limit limit-digests" ;;
      gzip) tools="$tools ctron"; ctron_dir=$(ctron_project "$tree") ;;
    esac
    [ "$kind" = small ] && tools="rpmkit skip rpmbuild $([ "$compression" = gzip ] && echo ctron || true)"
    for ((i = 1; i <= runs; i++)); do
      for tool in $tools; do
        case $tool in
          rpmkit) rm -rf "$dir/target"; timed rpmkit mvn -B -q -o -f "$dir/pom.xml" -Dmaven.repo.local="$repo" package
                  [ "$i" = 1 ] && { rpm -K --nosignature "$dir"/target/*.rpm >&2 || exit 1; } ;;
          skip) rm -rf "$dir/target"; timed skip mvn -B -q -o -f "$dir/pom.xml" -Dmaven.repo.local="$repo" package -Drpm.skip ;;
          rpmbuild) rpmbuild_case rpmbuild "$tree" "$payload" ;;
          rpmbuild-T0) rpmbuild_case rpmbuild-T0 "$tree" "$(rpm_payload "$compression" "$level" T0)" ;;
          ctron) rm -rf "$ctron_dir/target"; timed ctron mvn -B -q -o -f "$ctron_dir/pom.xml" -Dmaven.repo.local="$repo" package ;;
          limit) timed limit bash -c "limit_compressor '$tree' $level $compression" ;;
          limit-digests) timed limit-digests bash -c "limit_with_digests '$tree' $level $compression" ;;
        esac
      done
    done
    m() { awk '{print $1}' "$work/$1.times" | median; }
    cpu() { awk '{print $3}' "$work/$1.times" | median; }
    goal=$(echo "$(m rpmkit) $(m skip)" | awk '{printf "%.2f", $1 - $2}')
    ratio() { [ -f "$work/$1.times" ] && echo "$goal $(m "$1")" | awk '{printf "%.2f", $1 / $2}' || echo -; }
    for tool in $tools; do
      [ "$tool" = skip ] && continue
      rss=$(awk '{print $2}' "$work/$tool.times" | median)
      shown=-; [ "$tool" = rpmkit ] && shown=$goal
      if [ "$tool" = rpmkit ]; then
        # The goal's CPU time as its wall time: the build's less the skipped build's.
        printf "| %s | %s %s | rpmkit (mvn package) | %.2f | %s | %s (goal %s) | %d | %s | %s | %s |\n" "$kind" \
          "$compression" "$level" "$(m rpmkit)" "$goal" "$(cpu rpmkit)" \
          "$(echo "$(cpu rpmkit) $(cpu skip)" | awk '{printf "%.2f", $1 - $2}')" $((rss / 1024)) \
          "$(ratio rpmbuild-T0)" "$(ratio limit-digests)" "$(ratio rpmbuild)"
      elif [ "$tool" = ctron ]; then
        # Its goal's own time as ours: the build less the same Maven build with -Drpm.skip.
        printf "| %s | %s %s | ctron rpm-builder %s (mvn package; its gzip level) | %.2f | %s | %s | %d | | | |\n" \
          "$kind" "$compression" "$level" "${CTRON_VERSION:-1.11.0}" "$(m ctron)" \
          "$(echo "$(m ctron) $(m skip)" | awk '{printf "%.2f", $1 - $2}')" "$(cpu ctron)" $((rss / 1024))
      else
        printf "| %s | %s %s | %s | %.2f | - | %s | %d | | | |\n" "$kind" "$compression" "$level" "$tool" \
          "$(m "$tool")" "$(cpu "$tool")" $((rss / 1024))
      fi
    done
    printf "| %s | %s %s | mvn package -Drpm.skip | %.2f | - | %s | %d | | | |\n" "$kind" "$compression" "$level" \
      "$(m skip)" "$(cpu skip)" $(($(awk '{print $2}' "$work/skip.times" | median) / 1024))
  done
done
