import StewardApp

/// "Did you mean …?" suggestions for mistyped commands and options.
enum Suggestion {
    /// The largest edit distance still worth suggesting.
    static let maximumDistance = 2

    /// The candidate closest to `typed` within `maximumDistance` edits, first one on ties.
    ///
    /// Leading dashes are ignored when judging how short a name is, so `-x` does not
    /// suggest `-h` (every one-letter name is within one edit of every other).
    static func closest(to typed: String, among candidates: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != typed {
            let distance = editDistance(typed, candidate)
            let core = OptionSpec.key(for: candidate).count
            guard distance <= maximumDistance, distance < core else { continue }
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Every candidate, nearest to `typed` first (ties in name order), for lists of what
    /// exists when nothing matched.
    static func nearestFirst(to typed: String, among candidates: [String]) -> [String] {
        candidates.map { ($0, editDistance(typed, $0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }

    /// `"; did you mean 'x'?"`, or `""` when nothing is close.
    static func clause(for typed: String, among candidates: [String]) -> String {
        guard let match = closest(to: typed, among: candidates) else { return "" }
        return "; did you mean '\(match)'?"
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int { EditDistance.between(a, b) }
}
