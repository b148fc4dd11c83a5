import Foundation

/// A JSON Schema validator for the subset Escucha's schemas use: type, required, properties,
/// additionalProperties: false, enum, const, minimum, maximum, items and $ref (in-file and to a sibling
/// file); booleans are not checked (no schema member is one). Enough to hold every output line to the published schema in the tests.
struct SchemaValidator {
    let folder: String
    private var documents: [String: Any] = [:]

    init(folder: String) throws {
        self.folder = folder
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".json") {
            documents[name] = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)")))
        }
    }

    /// Problems found in `value` against the schema file `name`; empty when it conforms.
    func validate(_ value: Any, against name: String) -> [String] {
        guard let schema = documents[name] as? [String: Any] else { return ["no schema \(name)"] }
        var problems: [String] = []
        check(value, schema, file: name, path: "$", problems: &problems)
        return problems
    }

    private func resolve(_ reference: String, from file: String) -> (schema: [String: Any], file: String)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let target = parts[0].isEmpty ? file : String(parts[0])
        guard var node = documents[target] as Any? else { return nil }
        if parts.count == 2 {
            for key in parts[1].split(separator: "/") {
                guard let object = node as? [String: Any], let next = object[String(key)] else { return nil }
                node = next
            }
        }
        return (node as? [String: Any]).map { ($0, target) }
    }

    private func check(_ value: Any, _ schema: [String: Any], file: String, path: String, problems: inout [String]) {
        if let reference = schema["$ref"] as? String {
            guard let (target, targetFile) = resolve(reference, from: file) else {
                problems.append("\(path): unresolvable $ref \(reference)")
                return
            }
            check(value, target, file: targetFile, path: path, problems: &problems)
            return
        }
        if let constant = schema["const"], !equal(value, constant) { problems.append("\(path): expected \(constant)") }
        if let options = schema["enum"] as? [Any], !options.contains(where: { equal(value, $0) }) {
            problems.append("\(path): \(value) is not one of \(options)")
        }
        if let type = schema["type"] as? String, !matches(value, type) { problems.append("\(path): expected \(type)") }
        if let number = value as? NSNumber {
            if let minimum = schema["minimum"] as? Double, number.doubleValue < minimum { problems.append("\(path): below \(minimum)") }
            if let maximum = schema["maximum"] as? Double, number.doubleValue > maximum { problems.append("\(path): above \(maximum)") }
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { problems.append("\(path): missing \(key)") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, member) in object {
                if let memberSchema = properties[key] as? [String: Any] {
                    check(member, memberSchema, file: file, path: "\(path).\(key)", problems: &problems)
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(path): unexpected member \(key)")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated() { check(element, items, file: file, path: "\(path)[\(index)]", problems: &problems) }
        }
    }

    private func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "integer": return (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": return value is NSNumber
        default: return true
        }
    }

    private func equal(_ lhs: Any, _ rhs: Any) -> Bool {
        if let a = lhs as? String, let b = rhs as? String { return a == b }
        if let a = lhs as? NSNumber, let b = rhs as? NSNumber { return a == b }
        return false
    }
}
