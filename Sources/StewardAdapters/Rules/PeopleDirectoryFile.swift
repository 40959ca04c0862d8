/// Reading `--people FILE` from disk.
extension PeopleDirectory {
    /// Loads and decodes the file.
    public static func load(_ file: String) throws -> PeopleDirectory {
        try PeopleDirectory(try JSONFile.parse(file, shown: file, maxBytes: JSONFile.maxInputBytes), file: file)
    }
}
