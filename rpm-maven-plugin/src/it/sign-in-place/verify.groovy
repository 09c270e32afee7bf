import io.rpmkit.format.SignatureTag
import io.rpmkit.read.RpmReader
import io.rpmkit.testing.RealRpm
import org.bouncycastle.openpgp.PGPSignatureList
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory

def passphrase = "test-only-passphrase-not-secret-4Kq9"
def keyId = "13663CF87696F379"
def name = "signed-hello-1.0.0-1.noarch.rpm"
def rpm = basedir.toPath().resolve("target/" + name)

// Build 1 signed the attached package, build 2 signed it again from the command line.
def log = new File(basedir, "build.log").text
assert !log.contains(passphrase) : "build.log shows the passphrase"
def signed = log.readLines().findAll { it.contains("Signed ") }
assert signed.size() == 2 : "one line per signing: " + signed
assert signed[0].endsWith(name + " (signed-hello-1.0.0-1.noarch): RSA/SHA256, key ID " + keyId
        + ", header signature at 2026-12-01T00:00:00Z")
assert signed[1].endsWith(name + " (signed-hello-1.0.0-1.noarch): RSA/SHA512, key ID " + keyId
        + ", header and legacy header+payload signature at 2026-12-01T00:00:00Z, replacing the earlier signature")

def pkg = RpmReader.read(rpm)
assert pkg.verifyDigests().allOk() : pkg.verifyDigests().failures()
assert pkg.contains(SignatureTag.RSAHEADER) && pkg.contains(SignatureTag.PGP)
def signature = ((PGPSignatureList) new BcPGPObjectFactory(pkg.bytes(SignatureTag.RSAHEADER)).nextObject()).get(0)
assert signature.creationTime.toInstant().toString() == "2026-12-01T00:00:00Z" : "the build timestamp, not the clock"
assert signature.hashAlgorithm == 10 : "SHA-512"
assert String.format("%016X", signature.keyID) == keyId

def leftovers = new File(basedir, "target").listFiles().findAll { it.name.startsWith(".") }
assert leftovers.isEmpty() : "no temporary file is left: " + leftovers

if (RealRpm.findOnPath("rpmkeys")) {
    def db = basedir.toPath().resolve("target/rpmdb")
    RealRpm.ok("rpmkeys", "--dbpath", db.toString(), "--import",
            basedir.toPath().resolve("TEST-ONLY-signing-key.public.asc").toString())
    def check = RealRpm.run("rpm", "-Kv", "--dbpath", db.toString(), rpm.toString())
    assert check.exitCode() == 0 : check.output()
    def id = keyId.substring(8).toLowerCase()
    assert check.output().contains("Header V4 RSA/SHA512 Signature, key ID " + id + ": OK") : check.output()
    assert check.output().contains("    V4 RSA/SHA512 Signature, key ID " + id + ": OK") : check.output()
} else {
    println "!!! SKIPPED the real-rpm check of sign-in-place: rpm is not installed"
}
return true
