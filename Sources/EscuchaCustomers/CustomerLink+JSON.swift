import EscuchaCore

extension CustomerLink {
    /// The `link` member of a scored document. Linked: the customer's id (masked on request), how it
    /// was found and what the report breaks down by. Unlinked: the reason, and for an ambiguous or
    /// conflicting key the candidate ids (masked on request).
    public func writeJSON(to writer: inout JSONWriter, profiles: [CustomerProfile], masked: Bool) {
        writer.beginObject()
        if let index = profile {
            let profile = profiles[index]
            writer.member("customer_id", masked ? PersonalDataMasker.idMask : profile.id.rawValue)
            writer.member("method", method?.rawValue)
            writer.member("name", profile.name)
            writer.member("segment", profile.segment)
            writer.member("region", profile.region)
            writer.member("country", profile.country?.rawValue)
            writer.member("value", profile.value)
            writer.member("tenure_months", profile.tenureMonths)
            writer.key("opt_out"); writer.bool(profile.optOut)
        } else {
            writer.member("unlinked", unlinkedReason?.rawValue)
            if !candidates.isEmpty {
                writer.key("candidates")
                writer.beginArray()
                for index in candidates { writer.string(masked ? PersonalDataMasker.idMask : profiles[index].id.rawValue) }
                writer.endArray()
            }
        }
        writer.endObject()
    }
}
