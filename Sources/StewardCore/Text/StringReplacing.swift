extension String {
    /// `self` with every non-overlapping occurrence of `target` (scanned left to right)
    /// replaced by `replacement`; a literal, character-wise match, as Foundation's method
    /// of the same name does with no options. The core is built without Foundation.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = "", rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
