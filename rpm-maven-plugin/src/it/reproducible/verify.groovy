import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

// A second build of a copy, elsewhere, later, under another umask, time zone and locale.
def sha256 = { Path p -> MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)).encodeHex().toString() }
def first = basedir.toPath().resolve("target/reproducible-1.0-1.noarch.rpm")
def copy = Files.createTempDirectory("reproducible-elsewhere-")
["pom.xml", "reproducible.conf", "src/a/one.txt", "src/b/two.txt", "TEST-ONLY-signing-key.secret.asc"].each {
    def target = copy.resolve(it)
    Files.createDirectories(target.parent)
    Files.copy(basedir.toPath().resolve(it), target)
}
Thread.sleep(1500)
def maven = System.getProperty("maven.home") ? System.getProperty("maven.home") + "/bin/mvn" : "mvn"
// Resolve as the invoker does: its local repository first, then the outer build's, as a file:// repository.
def outer = new File(System.getProperty("user.home"), ".m2/repository").toURI().toString()
def settings = copy.resolve("settings.xml")
Files.writeString(settings, new File(basedir, "../../../src/it/settings.xml").text.replace("@localRepositoryUrl@", outer))
def command = ["sh", "-c", "umask 0077 && exec '" + maven + "' -B -q -s '" + settings + "' -Dmaven.repo.local='"
        + localRepositoryPath + "' package"]
def process = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true)
process.environment().put("TZ", "Pacific/Kiritimati")
process.environment().put("LC_ALL", "tr_TR.UTF-8")
process.environment().put("LANG", "tr_TR.UTF-8")
process.environment().put("RPM_SIGN_PASSPHRASE", "test-only-passphrase-not-secret-4Kq9")
def started = process.start()
def output = started.inputStream.text
assert started.waitFor() == 0 : "second build failed:\n" + output
def second = copy.resolve("target/reproducible-1.0-1.noarch.rpm")
assert new File(basedir, "build.log").text.contains("signed RSA/SHA256") : "the package is signed"
assert sha256(first) == sha256(second) : "the two builds differ"
println "reproducible: both builds have SHA-256 " + sha256(first)
return true
