/// Reading the task templates of a governance root from `Templates/`.
extension TaskTemplates {
    /// Loads every `Templates/*.md` of `root`, recording each problem instead of throwing.
    public static func load(_ root: GovernanceRoot) -> TaskTemplates {
        var out = TaskTemplates()
        // No Templates/ folder at all: every template is missing, nothing is broken.
        if SafeFile.entryType(root.templatesPath) == nil { return out }
        let names: [String]
        do { names = try SafeFile.list(root.templatesPath, shown: "Templates/") } catch {
            out.folderProblem = DataError(file: "Templates/", location: "", message: "\(error)")
            return out
        }
        for n in names where n.hasSuffix(".md") && !n.hasPrefix(".") {
            let shown = "Templates/\(n)", kind = TaskKind(rawValue: String(n.dropLast(3)))
            do {
                let bytes = try SafeFile.read(root.templatesPath + "/" + n, shown: shown)
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    out.broken[kind] = DataError(file: shown, location: "", message: "is not valid UTF-8")
                    continue
                }
                do throws(TemplateError) { out.templates[kind] = try Template(name: shown, text: text, allowed: placeholders) } catch {
                    out.broken[kind] = DataError(file: shown, location: "\(error.line):\(error.column)", message: error.message)
                }
            } catch {
                out.broken[kind] = error
            }
        }
        return out
    }
}
