/// mcl's decimal text for G1 (`getStr(10)`, `ec.hpp`), as eigensdk emits it and Zellular sends it
/// (`bn254-eigen-bls.md` §3.1): `"0"` for the identity, otherwise `"1 <x> <y>"` in affine
/// coordinates, canonical decimal, single spaces.
extension G1Affine {
    /// Strict parse: exactly `"0"`, or `"1"` and two canonical decimal coordinates (< p, no
    /// leading zeros) separated by single spaces, on the curve. mcl also accepts compressed
    /// (`2`/`3`) and projective (`4`) forms and loose whitespace; those are rejected here.
    public init(mclString text: some StringProtocol) throws(DecodingFailure) {
        let fields: [Substring] = try mclFields(text, expectedCoordinates: 2)
        if fields.isEmpty {
            self = .identity
            return
        }
        let x: Fp = try mclCoordinate(fields[0])
        let y: Fp = try mclCoordinate(fields[1])
        try self.init(x: x, y: y)
    }

    /// `"0"` or `"1 <x> <y>"`.
    public var mclString: String {
        isIdentity ? "0" : "1 \(x.decimal) \(y.decimal)"
    }
}

/// Splits mcl text into its coordinate fields: `[]` for `"0"`, otherwise the `count` decimal
/// fields after the leading `"1"`. Any other shape is `.badEncoding`.
func mclFields(_ text: some StringProtocol, expectedCoordinates count: Int) throws(DecodingFailure) -> [Substring] {
    let string: Substring = Substring(text)
    if string == "0" { return [] }
    let parts: [Substring] = string.split(separator: " ", omittingEmptySubsequences: false)
    guard parts.count == count + 1, parts[0] == "1" else { throw .badEncoding }
    return Array(parts[1...])
}

/// One canonical decimal coordinate: digits only, no leading zero, value < p.
func mclCoordinate(_ field: Substring) throws(DecodingFailure) -> Fp {
    guard let limbs = limbsFromDecimal(field) else { throw .badEncoding }
    guard let value = Fp(canonical: limbs) else { throw .nonCanonical }
    return value
}
