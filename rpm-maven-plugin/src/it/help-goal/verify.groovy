def log = new File(basedir, "build.log").text
// The overview names every goal and gives the advice that the second call then follows.
["rpmkit:rpm", "rpmkit:sign", "rpmkit:yum-repository", "rpmkit:inspect",
 "mvn rpmkit:help -Ddetail=true -Dgoal=<goal-name>"].each { assert log.contains(it) : "build.log lacks: " + it }
// Every parameter of the rpm goal is described, and so are the fields of its nested entries,
// scriptlets and triggers.
["targetRpm", "compressionLevel", "outputTimestamp", "requires", "enhances", "signKeyFile", "classifier",
 "<directoryMode>", "<ownDirectories>", "<includes>", "<verify>", "<phase>", "<interpreter>", "<packages>",
 "triggerpostun", "posttrans", "noreplace"].each { assert log.contains(it) : "build.log lacks: " + it }
return true
