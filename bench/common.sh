# Helpers the benchmark scripts share; sourced after they set $work.

# median: the median of the numbers on standard input, one per line
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# timed NAME COMMAND...: runs COMMAND (its output in $work/last.out), appends "seconds kilobytes
# cpu-seconds" (user and system, children included) to $work/NAME.times; on failure prints the output and fails
timed() {
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/last.time" "$@" >"$work/last.out" 2>&1 || {
    echo "$name failed:" >&2; cat "$work/last.out" >&2; return 1; }
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$work/last.time" >> "$work/$name.times"
}

# rpm_payload COMPRESSION LEVEL [THREADS]: rpmbuild's %_binary_payload for it, e.g. w3T0.zstdio
rpm_payload() {
  case $1 in
    gzip) echo "w$2${3:-}.gzdio" ;;
    zstd) echo "w$2${3:-}.zstdio" ;;
    xz) echo "w$2${3:-}.xzdio" ;;
    *) echo "no rpmbuild payload for $1" >&2; return 1 ;;
  esac
}

# bench_pom DIR PLUGIN_XML: DIR/pom.xml, a pom-packaged project whose one plugin is PLUGIN_XML (the
# whole <plugin> element), with a fixed build timestamp
bench_pom() {
  mkdir -p "$1"
  cat > "$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>bench</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <properties><project.build.outputTimestamp>2026-11-24T00:00:00Z</project.build.outputTimestamp></properties>
  <build>
    <plugins>
$2
    </plugins>
  </build>
</project>
POM
}
