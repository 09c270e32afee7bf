import io.rpmkit.read.RpmReader
import java.nio.file.Files

def built = new File(basedir, "target/rpm-packaging-1.0-1.noarch.rpm")
assert built.isFile() : "the package phase ran the rpm goal"
def installed = new File(localRepositoryPath, "io/rpmkit/it/rpm-packaging/1.0/rpm-packaging-1.0.rpm")
assert installed.isFile() : "install published the package as the main artifact: " + installed
assert Files.mismatch(built.toPath(), installed.toPath()) == -1L : "the installed artifact is the package"
def pom = new File(localRepositoryPath, "io/rpmkit/it/rpm-packaging/1.0/rpm-packaging-1.0.pom")
assert pom.text.contains("<packaging>rpm</packaging>")
def rpm = RpmReader.read(installed.toPath())
assert rpm.files()*.path() == ["/usr/share/rpm-packaging/hello.txt"]
assert rpm.license().get() == "MIT"
return true
