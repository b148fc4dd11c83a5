extension Array {
    /// Empties the array, keeping its room, as `removeAll(keepingCapacity: true)` does. That is a call to the generic
    /// `replaceSubrange` (about 85 instructions), while the matching working arrays emptied per sentence or per
    /// contribution mostly hold none or one element: those cases are told inline.
    @inline(__always)
    mutating func empty() {
        if count == 1 {
            removeLast()
        } else if !isEmpty {
            removeAll(keepingCapacity: true)
        }
    }

    /// Makes `element` the array's only element, keeping its room: a one-element array's element is overwritten.
    @inline(__always)
    mutating func setOnly(_ element: Element) {
        if count == 1 {
            self[0] = element
        } else {
            empty()
            append(element)
        }
    }
}
