import io.rpmkit.format.SignatureTag
import io.rpmkit.read.RpmReader

def log = new File(basedir, "build.log").text
assert log.contains("signing: key 13663CF87696F379 in ") : "the message names the key"
assert log.contains(": the passphrase from the environment variable RPM_SIGN_PASSPHRASE does not unlock it")
assert !log.contains("wrong-passphrase-must-not-be-logged-8Zt") : "build.log shows the passphrase"
assert !log.contains("Signed ")

// The rpm goal's package is there, whole and unsigned; nothing else is left beside it.
def rpm = basedir.toPath().resolve("target/unsigned-hello-1.0.0-1.noarch.rpm")
def pkg = RpmReader.read(rpm)
assert pkg.verifyDigests().allOk()
assert !pkg.contains(SignatureTag.RSAHEADER) && !pkg.contains(SignatureTag.DSAHEADER)
assert new File(basedir, "target").list().toList() == ["unsigned-hello-1.0.0-1.noarch.rpm"]
return true
