extension RandomAccessCollection {
    /// The first index whose element satisfies `predicate`, for a collection sorted so that the predicate
    /// is false and then true (it holds from there on); `endIndex` when it never holds. By bisection.
    @inlinable
    public func partitioningIndex(where predicate: (Element) throws -> Bool) rethrows -> Index {
        var low = startIndex, count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if try predicate(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
