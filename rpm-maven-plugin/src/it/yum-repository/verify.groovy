import io.rpmkit.format.DependencyKind
import io.rpmkit.read.RpmReader
import io.rpmkit.repo.Dnf
import io.rpmkit.repo.MetadataDependency
import io.rpmkit.repo.RepodataReader
import io.rpmkit.testing.RealRpm
import java.nio.file.Files
import java.nio.file.attribute.FileTime
import java.security.MessageDigest
import java.time.Instant

def repo = basedir.toPath().resolve("repository/target/yum-repository")
def revision = Instant.parse("2026-11-24T10:00:00Z")
def sha256 = { file -> MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)).encodeHex().toString() }

// Our reader checks every size and checksum repomd.xml states before it parses a file.
def repodata = RepodataReader.read(repo)
assert repodata.revision() == Long.toString(revision.epochSecond) : "the revision is project.build.outputTimestamp"
assert repodata.records()*.type() == ["primary", "filelists", "other"]
repodata.records().each { assert it.timestamp() == revision.epochSecond }
assert repodata.packages()*.location() == ["packages/hello-app-1.0-1.noarch.rpm", "packages/hello-lib-2.0-1.noarch.rpm"] :
        "hello-lib once, though both the reactor and the dependency name it; hello-app from <sources>"
assert (repo.resolve("packages").toFile().list() as List).sort() == ["hello-app-1.0-1.noarch.rpm", "hello-lib-2.0-1.noarch.rpm"]

repodata.packages().each { pkg ->
    def file = repo.resolve(pkg.location())
    def rpm = RpmReader.read(file)
    assert pkg.pkgid() == sha256(file)
    assert pkg.nevra() == "${rpm.name()}-0:${rpm.version()}-${rpm.release()}.noarch".toString()
    assert pkg.headerStart() == rpm.headerOffset() && pkg.headerEnd() == rpm.payloadOffset()
    assert pkg.packageSize() == Files.size(file)
    assert pkg.fileTime() <= revision.epochSecond : "a file time never later than the revision"
}
def app = repodata.find("hello-app").get()
assert app.dependencies(DependencyKind.REQUIRES).containsAll([
        new MetadataDependency("hello-api", "GE", "0", "2", "", false),
        new MetadataDependency("hello-lib", "", "", "", "", true)]) : app.dependencies(DependencyKind.REQUIRES)
assert app.primaryFiles()*.path() == ["/usr/bin/hello-app"]
def lib = repodata.find("hello-lib").get()
assert lib.dependencies(DependencyKind.PROVIDES).contains(new MetadataDependency("hello-api", "EQ", "0", "2", "", false))
assert lib.files()*.path() == ["/usr/share/hello-lib/lib.txt"]
assert lib.changelog()*.text() == ["- Packaged for the repository test"]

def log = new File(basedir, "build.log").text
assert log.contains("Wrote the metadata of 2 packages (0 unchanged, kept from the previous metadata) to ") :
        "one line from the goal; with <update> and no earlier repodata, every package is indexed"

def work = Files.createDirectories(basedir.toPath().resolve("target/verify"))
if (RealRpm.findOnPath("createrepo_c")) {
    // createrepo_c over the same packages, dated at the revision as our <time file> is: the same metadata, byte for byte.
    def theirs = Files.createDirectories(work.resolve("createrepo/packages"))
    repodata.packages().each { pkg ->
        def copy = Files.copy(repo.resolve(pkg.location()), theirs.resolve(repo.resolve(pkg.location()).fileName))
        Files.setLastModifiedTime(copy, FileTime.from(revision))
    }
    RealRpm.ok("createrepo_c", "--no-database", "--revision", Long.toString(revision.epochSecond),
            "--set-timestamp-to-revision", theirs.parent.toString())
    def their = RepodataReader.read(theirs.parent)
    assert their.packages() == repodata.packages().collect { it } :
            "createrepo_c: ${their.packages()}\nours: ${repodata.packages()}"
    ["primary", "filelists", "other"].each { type ->
        assert their.record(type).get().openChecksum() == repodata.record(type).get().openChecksum() : type
    }
} else {
    println "!!! SKIPPED the createrepo_c comparison of yum-repository: createrepo_c is not installed"
}

if (RealRpm.findOnPath("dnf")) {
    def dnf = Dnf.unsigned(work.resolve("dnf"), repo)
    def result = dnf.install("hello-app")
    assert result.exitCode() == 0 : result.output()
    assert dnf.installed() == ["hello-app-1.0-1.noarch", "hello-lib-2.0-1.noarch"] : "dnf resolved hello-api to hello-lib"
    assert Files.readString(dnf.root().resolve("usr/share/hello-lib/lib.txt")) == "library data\n"
} else {
    println "!!! SKIPPED the dnf install of yum-repository: dnf is not installed"
}
return true
