/// The elements of a top-level JSON array as the exact text they were written with, so a replica
/// can keep each event byte for byte as it was finalized. Only the array's own structure is read
/// here (brackets, strings, commas); each element is validated by whoever decodes it.
public enum JSONArrayElements {
    /// The elements of `text` (surrounding whitespace trimmed), or `nil` when `text` is not one
    /// JSON array: not starting with `[`, unbalanced, or followed by anything but whitespace.
    public static func split(_ text: String) -> [Substring]? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        func skipSpace() {
            while index < utf8.endIndex, isSpace(utf8[index]) { index = utf8.index(after: index) }
        }
        skipSpace()
        guard index < utf8.endIndex, utf8[index] == UInt8(ascii: "[") else { return nil }
        index = utf8.index(after: index)
        var elements: [Substring] = []
        var depth = 0
        var start = index
        var inString = false
        var sawContent = false
        while index < utf8.endIndex {
            let byte = utf8[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index = utf8.index(after: index)
                    guard index < utf8.endIndex else { return nil }
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true; sawContent = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; sawContent = true
                case UInt8(ascii: "}"): depth -= 1
                case UInt8(ascii: "]") where depth == 0:
                    let element = trimmed(text[start..<index])
                    if !element.isEmpty { elements.append(element) } else if !elements.isEmpty || sawContent { return nil }
                    index = utf8.index(after: index)
                    skipSpace()
                    return index == utf8.endIndex ? elements : nil
                case UInt8(ascii: "]"): depth -= 1
                case UInt8(ascii: ",") where depth == 0:
                    let element = trimmed(text[start..<index])
                    guard !element.isEmpty else { return nil }
                    elements.append(element)
                    start = utf8.index(after: index)
                default:
                    if !isSpace(byte) { sawContent = true }
                }
                guard depth >= 0 else { return nil }
            }
            index = utf8.index(after: index)
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var slice = text
        while let first = slice.utf8.first, isSpace(first) { slice = slice.dropFirst() }
        while let last = slice.utf8.last, isSpace(last) { slice = slice.dropLast() }
        return slice
    }
}
