import Foundation
import EscuchaCore

/// Which UTC offset applies to a local time written without one (`21/03/2024 14:05`).
public struct TimeZoneRule: Sendable {
    private enum Storage: Sendable {
        case fixed(Int32)
        case named(TimeZone)
    }

    private let storage: Storage
    public let identifier: String

    public static let utc = TimeZoneRule(fixedOffset: 0)

    public init(fixedOffset seconds: Int32) {
        self.init(storage: .fixed(seconds), identifier: seconds == 0 ? "UTC" : "fixed \(seconds)s")
    }

    private init(storage: Storage, identifier: String) {
        self.storage = storage
        self.identifier = identifier
    }

    /// An IANA zone (`Europe/Madrid`, `America/Mexico_City`) or a fixed offset (`+01:00`, `-0500`, `UTC`).
    public init?(_ text: String) {
        if let seconds = ExportDateParser.parseOffset(text) {
            self.init(fixedOffset: seconds)
            return
        }
        guard let zone = TimeZone(identifier: text) else { return nil }
        self.init(storage: .named(zone), identifier: text)
    }

    /// The offset in force at a local civil time given as seconds since the epoch in local time.
    public func offset(forLocalSeconds local: Int64) -> Int32 {
        switch storage {
        case .fixed(let seconds):
            return seconds
        case .named(let zone):
            // Guess with the offset at that instant read as UTC, then correct once (exact except inside
            // the hour a DST change skips or repeats).
            let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local)))
            return Int32(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - Int64(guess)))))
        }
    }

    /// The offset in force at an instant.
    public func offset(atInstant seconds: Int64) -> Int32 {
        switch storage {
        case .fixed(let offset): return offset
        case .named(let zone): return Int32(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        }
    }
}
