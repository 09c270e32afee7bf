def log = new File(basedir, "build.log").text
def src = new File(basedir, "src").toPath()
assert log.contains("collecting the packages of the repository: 5 problems")
assert log.contains("sources[0] ${src.resolve("no-such-directory")} does not exist: give a directory of .rpm files or an .rpm file")
assert log.contains("sources[1] ${src.resolve("notes.txt")} is not an .rpm file: give a directory of .rpm files or an .rpm file")
assert log.contains("sources[2] ${src.resolve("fake.rpm")} is not an rpm package: reading ${src.resolve("fake.rpm")}: lead magic is")
assert log.contains("sources[3] ${src.resolve("no-packages")} holds no .rpm file: give a directory of .rpm files or an .rpm file")
def repo = src.resolve("repo").toRealPath()
assert log.contains("sources[4] ${src.resolve("repo/.incoming")} is in the repository's directory ${repo}, but under ${repo.resolve(".incoming")}, which the repository leaves out")
assert !new File(basedir, "src/repo/repodata").exists() : "nothing is written"
assert !new File(basedir, "src/repo/packages").exists() : "nothing is copied"
return true
