/// A string literal as Python's `json.dumps` writes it with `ensure_ascii=True`:
/// `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f` short escapes; every other scalar outside
/// 0x20–0x7E as `\uXXXX` with lower-case hex, non-BMP scalars as a UTF-16 surrogate pair
/// (CPython `Lib/json/encoder.py`, `py_encode_basestring_ascii`).
public func pythonJSONString(_ text: String) -> String {
    let hexDigits: [Character] = Array("0123456789abcdef")
    var out: String = "\""
    func appendEscaped(_ unit: UInt16) {
        out += "\\u"
        out.append(hexDigits[Int((unit >> 12) & 0xf)])
        out.append(hexDigits[Int((unit >> 8) & 0xf)])
        out.append(hexDigits[Int((unit >> 4) & 0xf)])
        out.append(hexDigits[Int(unit & 0xf)])
    }
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x22: out += "\\\""
        case 0x5c: out += "\\\\"
        case 0x0a: out += "\\n"
        case 0x0d: out += "\\r"
        case 0x09: out += "\\t"
        case 0x08: out += "\\b"
        case 0x0c: out += "\\f"
        case 0x20...0x7e: out.unicodeScalars.append(scalar)
        default:
            for unit in String(scalar).utf16 {
                appendEscaped(unit)
            }
        }
    }
    out += "\""
    return out
}
