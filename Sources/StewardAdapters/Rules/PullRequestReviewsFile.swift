/// Reading `--reviews FILE` from disk.
extension PullRequestReviews {
    /// Loads and decodes the file.
    public static func load(_ file: String) throws -> [PullRequestReview] {
        try decode(try JSONFile.parse(file, shown: file, maxBytes: JSONFile.maxInputBytes), file: file)
    }
}
