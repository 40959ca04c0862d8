/// Reads Kubernetes service-account token Secrets as `kubectl get secrets -A
/// --field-selector type=kubernetes.io/service-account-token -o json` writes them: a
/// `List` (or the API's `SecretList`) whose `items` are Secrets.
///
/// One record per service account: platform `kubernetes`, ref = `NAMESPACE/NAME` from
/// the Secret's namespace and its `kubernetes.io/service-account.name` annotation; one
/// credential per Secret (id `NAMESPACE/SECRET`, created at `creationTimestamp`). These
/// legacy tokens never expire. The label `kubernetes.io/legacy-token-last-used` (a date)
/// is the last use; `kubernetes.io/legacy-token-invalid-since` marks a token the cluster
/// no longer accepts (present, not live). A Secret of another type is skipped, and the
/// token itself (`data`) is never read.
///
/// An API page whose `metadata.continue` is set is one chunk of several and is refused:
/// kubectl follows the chunks itself.
enum KubernetesTokens {
    static let tokenType = "kubernetes.io/service-account-token"
    static let accountAnnotation = "kubernetes.io/service-account.name"
    static let lastUsedLabel = "kubernetes.io/legacy-token-last-used"
    static let invalidLabel = "kubernetes.io/legacy-token-invalid-since"

    static func read(_ json: JSONValue, file: String) throws(InventoryError) -> Inventory {
        guard let list = json.objectValue else {
            throw InventoryError(file: file, location: nil, message: "expected a Kubernetes List object {\"kind\", \"items\"}, not \(json.typeDescription)")
        }
        if let meta = list["metadata"]?.objectValue, let more = meta["continue"], !more.isNull, more.stringValue != "" {
            throw InventoryError(file: file, location: "metadata.continue",
                                 message: "this list is incomplete: the API returned it in chunks and more follow; "
                                     + "use kubectl get secrets -A ... -o json, which fetches every chunk")
        }
        guard let itemsValue = list["items"] else {
            throw InventoryError(file: file, location: "items", message: "is required: a Kubernetes List holds its objects in \"items\"")
        }
        guard let items = itemsValue.arrayValue else {
            throw InventoryError(file: file, location: "items", message: "expected an array of Secrets, not \(itemsValue.typeDescription)")
        }
        var records: [ObservedRecord] = []
        records.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            let s = try ExportRecord(item, file: file, record: "items[\(i)]", what: "a Secret")
            if let r = try secret(s) { records.append(r) }
        }
        return Inventory(file: file, format: .kubernetesServiceAccountTokens, records: ExportList.merged(records),
                         platforms: ["kubernetes"])
    }

    static func secret(_ s: ExportRecord) throws(InventoryError) -> ObservedRecord? {
        try s.checkTypes(.string("kind"))
        let type = try s.optionalString("type")
        let meta = try s.object("metadata")
        let name = try meta.string("name")
        let namespace = try meta.string("namespace")
        let created = try meta.optionalTime("creationTimestamp")
        let annotations = try meta.stringMap("annotations")
        let labels = try meta.stringMap("labels")
        try s.checkTypes(.object("data"))
        guard type == tokenType else { return nil }
        guard let account = annotations.first(where: { $0.key == accountAnnotation })?.value, !account.isEmpty else {
            throw meta.fail("annotations", "a service-account token Secret needs the \(accountAnnotation) annotation")
        }
        var lastUsed: Timestamp?
        var invalid = false
        for (k, v) in labels where k == lastUsedLabel || k == invalidLabel {
            guard let t = Timestamp(lenient: v) else {
                throw meta.fail("labels." + k, "\(InventoryReader.shown(v)) is not a date like 2026-01-05")
            }
            if k == lastUsedLabel { lastUsed = t } else { invalid = true }
        }
        var r = ObservedRecord(platform: "kubernetes", ref: namespace + "/" + account, createdAt: created,
                               lastUsedAt: invalid ? nil : lastUsed)
        r.source = s.record
        r.credentials = [ObservedCredential(id: namespace + "/" + name, createdAt: created, neverExpires: true,
                                            disabled: invalid, lastUsedAt: lastUsed, source: s.record)]
        return r
    }
}
