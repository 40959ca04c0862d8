extension String {
    /// The text with A–Z turned to a–z and every other byte kept: the one case folding the
    /// rules use (identities, governed folder names), so no Unicode case mapping can make
    /// two different names equal.
    var asciiLowercased: String {
        String(decoding: utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
