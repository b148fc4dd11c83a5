extension Array {
    /// Empties the array, keeping its room, as `removeAll(keepingCapacity: true)` does. That is a call to the generic
    /// `replaceSubrange` (about 80 instructions, even for an empty array), and for elements that hold references a
    /// `swift_arrayDestroy` that destroys each through the type's metadata (about 300 instructions for one or two);
    /// while the working arrays emptied per text, per sentence or per contribution mostly hold none, one or a few. Up
    /// to four are removed from the end, each destroyed inline; a longer array is emptied at once.
    @inlinable @inline(__always)
    public mutating func empty() {
        if count > 4 {
            removeAll(keepingCapacity: true)
        } else {
            while !isEmpty { removeLast() }
        }
    }

    /// Empties the array, keeping its room, one element at a time from the end however many it holds: for the lists a
    /// result gives back (`Analyzers.Room`), whose elements hold references and number a dozen or two, where the
    /// generic `replaceSubrange` of `removeAll(keepingCapacity:)` measured slower.
    @inlinable @inline(__always)
    public mutating func emptyFromEnd() {
        while !isEmpty { removeLast() }
    }

    /// Gives this array's room, emptied, to `room` (this array is left empty) when it has more than `room` and no more
    /// than `limit`: one long text should not hold memory for the rest of the run. An array with no room is left as it
    /// is (swapped out, it was released).
    @inlinable @inline(__always)
    public mutating func giveRoom(to room: inout [Element], upTo limit: Int) {
        guard capacity > room.capacity, capacity <= limit else { return }
        emptyFromEnd()
        swap(&self, &room)
    }

    /// Makes `element` the array's only element, keeping its room: a one-element array's element is overwritten.
    @inlinable @inline(__always)
    public mutating func setOnly(_ element: Element) {
        if count == 1 {
            self[0] = element
        } else {
            empty()
            append(element)
        }
    }
}
