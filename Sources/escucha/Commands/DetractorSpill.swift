import Foundation
import EscuchaCore
import EscuchaIngest
import EscuchaReport

/// The detractors of a scan in a temporary file until the queue is sorted and written: the scan's memory
/// then holds 8 bytes per detractor (its place in the file) instead of the record. The file is unlinked
/// as soon as it is open, so nothing is left behind, even when the run is killed.
final class DetractorSpill: DetractorStore {
    private let descriptor: Int32
    private var pending: [UInt8] = []
    private var written = 0
    /// Where each record starts; the next one's start (or the end) is where it stops.
    private var starts: [Int] = []
    private var writer = JSONWriter()

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/escucha-detractors-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            Console.error("escucha: cannot create a temporary file in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
            throw ExitStatus.outputFailed
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    func keep(_ record: FeedbackRecord) throws -> Int {
        writer.reset()
        record.spill(to: &writer)
        starts.append(written + pending.count)
        pending += writer.bytes
        if pending.count >= 1 << 20 { try flush() }
        return starts.count - 1
    }

    func record(at location: Int) throws -> FeedbackRecord {
        if !pending.isEmpty { try flush() }
        let start = starts[location], end = location + 1 < starts.count ? starts[location + 1] : written
        var bytes = [UInt8](repeating: 0, count: end - start)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, end - start, off_t(start)) }
        guard read == end - start, let json = try? JSONParser.parse(bytes), let record = FeedbackRecord(spilled: json) else {
            Console.error("escucha: the temporary file of detractors could not be read back")
            throw ExitStatus.outputFailed
        }
        return record
    }

    private func flush() throws {
        var offset = 0
        while offset < pending.count {
            let count = pending[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                Console.error("escucha: cannot write the temporary file of detractors: \(String(cString: strerror(errno)))")
                throw ExitStatus.outputFailed
            }
            offset += count
        }
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }
}
