import java.util.zip.ZipFile

// What installing or deploying the plugin writes beside it: the group's metadata, mapping the goal
// prefix of the plugin's descriptor to the plugin. invoker:install copies the artifacts only.
def pluginDir = new File(localRepositoryPath, "io/rpmkit/rpm-maven-plugin")
def jar = pluginDir.listFiles().findAll { it.isDirectory() }
        .collectMany { dir -> dir.listFiles().findAll { it.name.endsWith(".jar") && !it.name.contains("-tests") } }
        .first()
def descriptor = new ZipFile(jar).with { zip -> zip.getInputStream(zip.getEntry("META-INF/maven/plugin.xml")).text }
def plugin = new groovy.xml.XmlSlurper().parseText(descriptor)
new File(localRepositoryPath, "io/rpmkit/maven-metadata-local.xml").text = """<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <plugins>
    <plugin>
      <name>${plugin.name}</name>
      <prefix>${plugin.goalPrefix}</prefix>
      <artifactId>${plugin.artifactId}</artifactId>
    </plugin>
  </plugins>
</metadata>
"""
return true
