def log = new File(basedir, "build.log").text
def src = new File(basedir, "src").toPath()
assert log.contains("collecting the packages of the repository: 3 problems")
assert log.contains("sources[0] ${src.resolve("no-such-directory")} does not exist: give a directory of .rpm files or an .rpm file")
assert log.contains("sources[1] ${src.resolve("notes.txt")} is not an .rpm file: give a directory of .rpm files or an .rpm file")
assert log.contains("sources[2] ${src.resolve("fake.rpm")} is not an rpm package: reading ${src.resolve("fake.rpm")}: lead magic is")
assert !new File(basedir, "target/yum-repository").exists() : "nothing is written"
return true
