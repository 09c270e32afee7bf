import io.rpmkit.format.RpmTag
import io.rpmkit.format.SignatureTag
import io.rpmkit.read.RpmReader
import io.rpmkit.testing.RealRpm
import java.nio.file.Files

def rpm = basedir.toPath().resolve("target/rpm-format-v6-1.0-1.noarch.rpm")
def pkg = RpmReader.read(rpm)
assert pkg.int32(RpmTag.RPMFORMAT) == [6] as int[]
assert pkg.string(RpmTag.SOURCENEVR).get() == "rpm-format-v6-1.0-1"
assert pkg.strings(RpmTag.MIMEDICT) == ["text/plain"]
assert pkg.signature().contains(SignatureTag.SHA3_256HEADER) && !pkg.signature().contains(SignatureTag.MD5)
assert Files.readAllBytes(rpm)[4] == 4 : "the lead of a v6 package says 4"
assert pkg.verifyDigests().allOk() : pkg.verifyDigests().toString()
if (RealRpm.findOnPath("rpm")) {
    def check = RealRpm.ok("rpm", "-Kv", "--nosignature", rpm.toString())
    assert check.contains("Header SHA256 digest: OK") && check.contains("Payload SHA256 digest: OK") : check
} else {
    println "!!! SKIPPED rpm -K of the v6 package: no rpm on the PATH"
}
return true
