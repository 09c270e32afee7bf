import io.rpmkit.format.DependencyKind
import io.rpmkit.format.RpmTag
import io.rpmkit.read.RpmReader
import io.rpmkit.testing.RealRpm
import java.nio.file.Files

def rpm = basedir.toPath().resolve("target/hello-plugins-1.0.0-1.noarch.rpm")
assert Files.isRegularFile(rpm)
def pkg = RpmReader.read(rpm)

def requires = pkg.dependencies(DependencyKind.REQUIRES)
assert requires.find { it.name() == "(java-17-headless or java-21-headless)" }.flags() == 0
assert requires.find { it.name() == "(hello-selinux if selinux-policy-targeted)" } != null
assert requires.find { it.name() == "hello-docs" }.contexts() == ["meta"]
assert requires.find { it.name() == "rpmlib(RichDependencies)" }.version() == "4.12.0-1"
assert requires.find { it.name() == "rpmlib(FileCaps)" }.version() == "4.6.1-1"
assert pkg.dependencies(DependencyKind.ORDER).collect { it.toString() } == ["hello-config"]

def triggers = pkg.fileTriggers()
assert triggers.collect { it.type() } == ["filetriggerin", "transfiletriggerpostun"]
assert triggers.collect { it.priority() } == [1000000, 500]
assert triggers.every { t -> t.conditions().collect { it.name() } == ["/usr/lib/hello/plugins"] }
assert pkg.strings(RpmTag.FILECAPS) == ["cap_net_bind_service=ep"]

if (RealRpm.findOnPath("rpm")) {
    def check = RealRpm.run("rpm", "-qp", "--nosignature", "--filetriggers", rpm.toString())
    assert check.exitCode() == 0 : check.output()
    assert check.output().contains("transfiletriggerpostun scriptlet (using /bin/sh) -- /usr/lib/hello/plugins")
    assert RealRpm.query(rpm, "[%{FILECAPS}]") == "cap_net_bind_service=ep"
} else {
    println "!!! SKIPPED the real-rpm check of dependency-vocabulary: rpm is not installed"
}
