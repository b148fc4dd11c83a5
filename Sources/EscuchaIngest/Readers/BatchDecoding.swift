import EscuchaCore

extension CSVRecordDecoder {
    func decodeBatch(_ batch: RecordBatch) -> UnitOutcome {
        var outcome = UnitOutcome()
        outcome.rejects = batch.rejects
        batch.storage.withUnsafeBufferPointer { storage in
            for item in batch.items where item.index >= 0 {  // index -1 is the header line
                let result = decode(UnsafeBufferPointer(rebasing: storage[item.range]), item: item)
                // `consume`: hand the document over instead of copying its twenty reference-counted fields.
                switch consume result {
                case .success(let document): outcome.documents.append(document)
                case .failure(let reject): outcome.rejects.append(reject)
                }
            }
        }
        outcome.read = outcome.documents.count + outcome.rejects.count
        outcome.rejects.sort { $0.location.record < $1.location.record }
        return outcome
    }
}

extension JSONRecordDecoder {
    func decodeBatch(_ batch: RecordBatch) -> UnitOutcome {
        var outcome = UnitOutcome()
        outcome.rejects = batch.rejects
        outcome.read = batch.rejects.count
        let cache = Cache()
        batch.storage.withUnsafeBufferPointer { storage in
            for item in batch.items {
                let decoded = decode(UnsafeBufferPointer(rebasing: storage[item.range]), item: item, cache: cache)
                outcome.documents.append(contentsOf: decoded.documents)
                outcome.rejects.append(contentsOf: decoded.rejects)
                outcome.read += decoded.read
            }
        }
        outcome.rejects.sort { $0.location.record < $1.location.record }
        return outcome
    }
}
