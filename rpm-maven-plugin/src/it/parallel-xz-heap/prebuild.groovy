// Each module's 2 MB of text, written here rather than kept in the repository.
["one", "two"].each { module ->
    def text = new File(basedir, "${module}/generated/text.txt")
    text.parentFile.mkdirs()
    text.withWriter("UTF-8") { out ->
        (0..<40000).each { line -> out.write("line ${line} of ${module}'s text, written for the parallel xz build\n") }
    }
}
return true
